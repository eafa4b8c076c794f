package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dane.TlsaMatcher;
import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.mtasts.MtaStsCheck;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.testing.Fixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS against the live certificate (issue: MTA-STS vs reality): a covered MX is probed on port
 * 25 (routed to a scripted STARTTLS server on loopback) and its certificate judged as an MTA-STS
 * sender would.
 */
class MtaStsLiveCertificateTest {

  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: mx.live.example\nmax_age: 604800\n";

  private static final HttpsFetcher POLICY_SERVER =
      (uri, timeout, max) ->
          new HttpsResult(
              HttpsResult.Outcome.OK,
              200,
              Map.of("content-type", List.of("text/plain")),
              POLICY.getBytes(StandardCharsets.US_ASCII),
              false,
              "");

  private static ZoneFileDnsClient zone(String tlsa) {
    return ZoneFileDnsClient.builder()
        .zone(
            "live.example",
            String.join(
                "\n",
                "@ IN SOA ns hm 1 2 3 4 5",
                "@ IN NS ns",
                "@ IN MX 10 mx",
                "mx IN A 127.0.0.1",
                "_mta-sts IN TXT \"v=STSv1; id=20261123\"",
                tlsa,
                ""))
        .build();
  }

  /** The zone's answers as a validating resolver would give them for a signed zone: AD set. */
  private static io.mxray.core.dns.DnsClient validated(io.mxray.core.dns.DnsClient zone) {
    return new io.mxray.core.dns.DnsClient() {
      @Override
      public io.mxray.core.dns.DnsAnswer query(String name, int type) {
        io.mxray.core.dns.DnsAnswer a = zone.query(name, type);
        return new io.mxray.core.dns.DnsAnswer(
            a.name(),
            a.type(),
            a.status(),
            a.records(),
            a.cnameChain(),
            true,
            a.authoritative(),
            a.server(),
            a.millis(),
            a.detail());
      }

      @Override
      public io.mxray.core.dns.DnsAnswer queryAuthoritative(
          java.net.InetAddress server, String name, int type) {
        return zone.queryAuthoritative(server, name, type);
      }
    };
  }

  private static CheckResult run(
      TlsInspectionTest.Identity served,
      List<java.security.cert.X509Certificate> trust,
      String tlsa)
      throws Exception {
    return run(served, trust, tlsa, true);
  }

  private static CheckResult run(
      TlsInspectionTest.Identity served,
      List<java.security.cert.X509Certificate> trust,
      String tlsa,
      boolean signed)
      throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(TlsInspectionTest.starttls(TlsInspectionTest.serverContext(served)))) {
      // Port 25 of the MX goes to the scripted server: every packet stays on loopback.
      Connector toServer =
          (address, timeout) ->
              new PlainConnector()
                  .connect(new InetSocketAddress(server.address(), server.port()), timeout);
      CheckContext ctx =
          new CheckContext(
              Fixtures.request("live.example")
                  .withProbe(true)
                  .withAssumePublic(List.of(Cidr.parse("127.0.0.0/8")))
                  .withExtraTrust(trust),
              new CachingDnsClient(signed ? validated(zone(tlsa)) : zone(tlsa), Fixtures.CLOCK),
              toServer,
              POLICY_SERVER,
              Fixtures.CLOCK);
      return new MtaStsCheck().run(ctx);
    }
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void failsAnEnforcedPolicyWhenTheMxCertificateIsNotTrusted() throws Exception {
    TlsInspectionTest.Identity selfSigned =
        TlsInspectionTest.selfSigned(
            "mx.live.example",
            2048,
            TlsInspectionTest.NOW.minusSeconds(86400),
            TlsInspectionTest.NOW.plusSeconds(86400 * 90));
    CheckResult r = run(selfSigned, List.of(), "");
    Finding f =
        r.findings().stream()
            .filter(x -> x.codeId().equals("mtasts.cert-invalid"))
            .findFirst()
            .orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.FAIL);
    assertThat(codes(r)).doesNotContain("mtasts.ok");
  }

  @Test
  void failsWhenTheCertificateNamesAnotherHost() throws Exception {
    TlsInspectionTest.Identity other =
        TlsInspectionTest.selfSigned(
            "other.example",
            2048,
            TlsInspectionTest.NOW.minusSeconds(86400),
            TlsInspectionTest.NOW.plusSeconds(86400 * 90));
    CheckResult r = run(other, List.of(other.cert()), "");
    assertThat(r.findings())
        .filteredOn(x -> x.codeId().equals("mtasts.cert-invalid"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("not valid for the name mx.live.example"));
  }

  @Test
  void passesATrustedCertificateAndWarnsWhenDaneDisagrees() throws Exception {
    TlsInspectionTest.Identity good =
        TlsInspectionTest.selfSigned(
            "mx.live.example",
            2048,
            TlsInspectionTest.NOW.minusSeconds(86400),
            TlsInspectionTest.NOW.plusSeconds(86400 * 90));
    CheckResult ok = run(good, List.of(good.cert()), "");
    assertThat(codes(ok))
        .contains("mtasts.ok")
        .doesNotContain("mtasts.cert-invalid", "mtasts.dane-disagree");

    String matching =
        "_25._tcp.mx IN TLSA 3 1 1 "
            + HexFormat.of().formatHex(TlsaMatcher.associationData(good.cert(), 1, 1));
    assertThat(codes(run(good, List.of(good.cert()), matching)))
        .doesNotContain("mtasts.dane-disagree");

    CheckResult wrong =
        run(good, List.of(good.cert()), "_25._tcp.mx IN TLSA 3 1 1 " + "ab".repeat(32));
    assertThat(codes(wrong)).contains("mtasts.dane-disagree");
  }

  @Test
  void claimsNoDaneDisagreementFromTlsaRecordsThatAreNotDnssecSecure() throws Exception {
    TlsInspectionTest.Identity good =
        TlsInspectionTest.selfSigned(
            "mx.live.example",
            2048,
            TlsInspectionTest.NOW.minusSeconds(86400),
            TlsInspectionTest.NOW.plusSeconds(86400 * 90));
    CheckResult r =
        run(good, List.of(good.cert()), "_25._tcp.mx IN TLSA 3 1 1 " + "ab".repeat(32), false);
    assertThat(codes(r)).contains("mtasts.ok").doesNotContain("mtasts.dane-disagree");
    assertThat(String.valueOf(r.facts().get("liveCertificates"))).contains("daneAgrees=unknown");
  }
}
