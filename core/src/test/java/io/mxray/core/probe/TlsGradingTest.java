package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.probe.TlsScan.Answer;
import io.mxray.core.probe.TlsScan.KeyExchange;
import io.mxray.core.probe.TlsScan.Order;
import io.mxray.core.probe.TlsScan.Suite;
import io.mxray.core.probe.TlsScan.Support;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scan results to findings after the NCSC 2025-05 table: what the lab cannot show (compression,
 * insecure renegotiation, no extended master secret, 0-RTT, a weak preferred suite) on plain data.
 */
class TlsGradingTest {

  static final Suite GOOD13 =
      new Suite(
          "TLS_AES_256_GCM_SHA384",
          0x1302,
          NcscGrade.GOOD,
          new KeyExchange("ECDHE", "x25519", 253),
          Support.YES,
          "");
  static final Suite SUFFICIENT12 =
      new Suite(
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          0xc02f,
          NcscGrade.SUFFICIENT,
          new KeyExchange("ECDHE", "x25519", 253),
          Support.YES,
          "");
  static final Suite RSA12 =
      new Suite(
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          0x009c,
          NcscGrade.INSUFFICIENT,
          new KeyExchange("RSA", "", 0),
          Support.UNKNOWN,
          "");

  static TlsScan scan(
      Map<String, List<Suite>> suites,
      Map<String, Order> order,
      Map<String, Answer> hashes,
      Support reneg,
      Support ems,
      Support compression,
      Support zeroRtt,
      TlsScan.Status status) {
    return new TlsScan(
        status,
        status == TlsScan.Status.INCOMPLETE ? "the server refused a further connection (421)" : "",
        status == TlsScan.Status.INCOMPLETE ? List.of("TLSv1.3", "compression") : List.of(),
        9,
        Map.of(
            "SSLv3", Answer.REFUSED,
            "TLSv1", Answer.REFUSED,
            "TLSv1.1", Answer.REFUSED,
            "TLSv1.2", Answer.ACCEPTED,
            "TLSv1.3", Answer.ACCEPTED),
        suites,
        order,
        Map.of("x25519", Answer.ACCEPTED),
        "TLSv1.3",
        hashes,
        reneg,
        ems,
        compression,
        zeroRtt,
        Support.NO,
        0,
        List.of(),
        "");
  }

  static List<Finding> findings(TlsScan s) throws Exception {
    ProbeTarget t =
        new ProbeTarget(
            "mx.fake.example", InetAddress.getByName("127.0.0.1"), 25, Service.SMTP, List.of());
    TlsReport r = TlsReport.failed("", false, 0).withScan(s);
    return TlsGrading.findings(r, t);
  }

  static Severity severity(List<Finding> fs, String code) {
    return fs.stream()
        .filter(f -> f.codeId().equals(code))
        .map(Finding::severity)
        .findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in " + fs));
  }

  @Test
  void aCleanModernScanHasNothingToSay() throws Exception {
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(SUFFICIENT12), "TLSv1.3", List.of(GOOD13)),
                Map.of(),
                Map.of("sha1", Answer.REFUSED, "sha224", Answer.REFUSED),
                Support.YES,
                Support.YES,
                Support.NO,
                Support.NO,
                TlsScan.Status.COMPLETE));
    assertThat(fs).isEmpty();
  }

  @Test
  void gradesTheSettingsTheGuidelineNames() throws Exception {
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(SUFFICIENT12)),
                Map.of(),
                Map.of("sha1", Answer.ACCEPTED),
                Support.NO,
                Support.NO,
                Support.YES,
                Support.YES,
                TlsScan.Status.COMPLETE));
    assertThat(severity(fs, "tls.compression")).isEqualTo(Severity.FAIL);
    assertThat(severity(fs, "tls.renegotiation-insecure")).isEqualTo(Severity.FAIL);
    assertThat(severity(fs, "tls.ems-missing")).isEqualTo(Severity.WARN);
    assertThat(severity(fs, "tls.zero-rtt")).isEqualTo(Severity.FAIL);
    assertThat(severity(fs, "tls.kex-hash-weak")).isEqualTo(Severity.FAIL);
  }

  @Test
  void unknownIsNeverGraded() throws Exception {
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.3", List.of(GOOD13)),
                Map.of(),
                Map.of(),
                Support.UNKNOWN,
                Support.NOT_APPLICABLE,
                Support.UNKNOWN,
                Support.UNKNOWN,
                TlsScan.Status.COMPLETE));
    assertThat(fs).isEmpty();
  }

  @Test
  void staticRsaIsInsufficientAndAClientOrderBesideItIsSaid() throws Exception {
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(SUFFICIENT12, RSA12)),
                Map.of("TLSv1.2", Order.CLIENT),
                Map.of(),
                Support.YES,
                Support.YES,
                Support.NO,
                Support.NO,
                TlsScan.Status.COMPLETE));
    assertThat(severity(fs, "tls.cipher-weak")).isEqualTo(Severity.FAIL);
    assertThat(severity(fs, "tls.cipher-order")).isEqualTo(Severity.WARN);
    // A server that enforces its order and prefers the better suite is fine.
    List<Finding> server =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(SUFFICIENT12, RSA12)),
                Map.of("TLSv1.2", Order.SERVER),
                Map.of(),
                Support.YES,
                Support.YES,
                Support.NO,
                Support.NO,
                TlsScan.Status.COMPLETE));
    assertThat(server).noneMatch(f -> f.codeId().equals("tls.cipher-order"));
  }

  @Test
  void anIncompleteScanIsInconclusiveAndNamesWhatWasNotTested() throws Exception {
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(SUFFICIENT12)),
                Map.of(),
                Map.of(),
                Support.YES,
                Support.YES,
                Support.UNKNOWN,
                Support.UNKNOWN,
                TlsScan.Status.INCOMPLETE));
    assertThat(severity(fs, "tls.scan-incomplete")).isEqualTo(Severity.INCONCLUSIVE);
    Finding f =
        fs.stream().filter(x -> x.codeId().equals("tls.scan-incomplete")).findFirst().orElseThrow();
    assertThat(f.evidence()).containsExactly("TLSv1.3", "compression");
  }

  @Test
  void keyExchangeGroupsAreGradedOncePerGroup() throws Exception {
    Suite dhe1024 =
        new Suite(
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            0x009e,
            NcscGrade.PHASE_OUT,
            new KeyExchange("DHE", "custom", 1024),
            Support.YES,
            "");
    Suite ffdhe =
        new Suite(
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            0x009f,
            NcscGrade.PHASE_OUT,
            new KeyExchange("DHE", "ffdhe4096", 4096),
            Support.UNKNOWN,
            "");
    List<Finding> fs =
        findings(
            scan(
                Map.of("TLSv1.2", List.of(dhe1024, ffdhe)),
                Map.of(),
                Map.of(),
                Support.YES,
                Support.YES,
                Support.NO,
                Support.NO,
                TlsScan.Status.COMPLETE));
    assertThat(severity(fs, "tls.kex-weak")).isEqualTo(Severity.FAIL);
    Finding f =
        fs.stream().filter(x -> x.codeId().equals("tls.kex-weak")).findFirst().orElseThrow();
    assertThat(f.message()).contains("custom 1024-bit group insufficient", "ffdhe4096");
  }
}
