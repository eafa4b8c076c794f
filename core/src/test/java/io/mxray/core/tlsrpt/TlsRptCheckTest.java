package io.mxray.core.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class TlsRptCheckTest {

  private static CheckResult run(String domain) {
    return Fixtures.run(
        new TlsRptCheck(),
        Fixtures.zones("tlsrpt/rpt.zone", "mtasts/sts.zone", "mtasts/nosts.zone").build(),
        domain);
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void passesAValidRecord() {
    CheckResult r = run("sts.example");
    assertThat(codes(r)).containsExactly("tlsrpt.ok");
    assertThat(r.facts().get("rua"))
        .isEqualTo(List.of("mailto:tls@sts.example", "https://reports.sts.example/tlsrpt"));
  }

  @Test
  void aMissingRecordIsInformationWithoutMtaStsAndAWarningWithIt() {
    assertThat(run("nosts.example").findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.codeId()).isEqualTo("tlsrpt.missing");
              assertThat(f.severity()).isEqualTo(Severity.INFO);
            });
    assertThat(run("sts-only.rpt.example").findings())
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
  }

  @Test
  void failsOnInvalidOrDuplicatedRecords() {
    assertThat(codes(run("rpt.example"))).containsExactly("tlsrpt.invalid");
    assertThat(codes(run("bad.rpt.example"))).containsExactly("tlsrpt.invalid");
    assertThat(codes(run("two.rpt.example"))).containsExactly("tlsrpt.invalid");
  }

  @Test
  void aTimeoutIsInconclusive() {
    CheckResult r =
        Fixtures.run(
            new TlsRptCheck(),
            Fixtures.zones("mtasts/sts.zone")
                .fault("_smtp._tls.sts.example", Type.TXT, DnsStatus.SERVFAIL)
                .build(),
            "sts.example");
    assertThat(codes(r)).containsExactly("dns.servfail");
  }
}
