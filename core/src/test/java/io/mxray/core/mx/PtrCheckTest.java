package io.mxray.core.mx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PtrCheckTest {

  private final PtrCheck check = new PtrCheck();

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void passesWhenEveryAddressIsForwardConfirmed() {
    CheckResult r =
        Fixtures.run(
            check,
            Fixtures.zones(
                    "mx/good.zone", "mx/reverse.zone", "mx/reverse-198.zone", "mx/reverse-v6.zone")
                .build(),
            "good.example");
    assertThat(codes(r)).containsExactly("ptr.ok");
  }

  @Test
  void warnsWhenAnAddressHasNoPtr() {
    CheckResult r =
        Fixtures.run(
            check, Fixtures.zones("mx/good.zone", "mx/reverse.zone").build(), "good.example");
    assertThat(codes(r)).containsOnly("ptr.missing");
    assertThat(r.findings())
        .extracting(Finding::subject)
        .containsExactlyInAnyOrder("2001:db8::10", "198.51.100.20");
    assertThat(r.findings().get(0).remediation()).contains("IN PTR");
  }

  @Test
  void warnsWhenThePtrNameDoesNotResolveBack() {
    CheckResult r =
        Fixtures.run(
            check, Fixtures.zones("mx/v4only.zone", "mx/reverse.zone").build(), "v4only.example");
    assertThat(codes(r)).containsExactly("ptr.mismatch");
    assertThat(r.findings().get(0).message()).contains("mail.elsewhere.example");
    assertThat(r.severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void reportsAReverseLookupTimeoutAsInconclusive() {
    CheckResult r =
        Fixtures.run(
            check,
            Fixtures.zones("mx/v4only.zone", "mx/reverse.zone")
                .fault("11.2.0.192.in-addr.arpa", DnsStatus.TIMEOUT)
                .build(),
            "v4only.example");
    assertThat(codes(r)).containsExactly("dns.timeout");
  }
}
