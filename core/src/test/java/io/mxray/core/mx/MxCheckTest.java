package io.mxray.core.mx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class MxCheckTest {

  private final MxCheck check = new MxCheck();

  private CheckResult run(String domain, String... zones) {
    return Fixtures.run(check, Fixtures.zones(zones).build(), domain);
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static Finding finding(CheckResult r, String code) {
    return r.findings().stream().filter(f -> f.codeId().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void passesAWellRunDomainAndListsItsHosts() {
    CheckResult r = run("good.example", "mx/good.zone");
    assertThat(codes(r)).containsExactly("mx.ok");
    assertThat(r.severity()).isEqualTo(Severity.PASS);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hosts = (List<Map<String, Object>>) r.facts().get("mx");
    assertThat(hosts)
        .extracting(h -> h.get("host"))
        .containsExactly("mx1.good.example", "mx2.good.example");
    assertThat(hosts.get(0).get("addresses")).isEqualTo(List.of("192.0.2.10", "2001:db8::10"));
  }

  @Test
  void explainsImplicitMxWhenOnlyAnAddressIsPublished() {
    CheckResult r = run("implicit.example", "mx/implicit.zone");
    Finding f = finding(r, "mx.missing");
    assertThat(f.severity()).isEqualTo(Severity.WARN);
    assertThat(f.message()).contains("implicit MX").contains("192.0.2.80");
    assertThat(f.remediation()).contains("IN MX 0 .");
  }

  @Test
  void failsWhenThereIsNoMxAndNoAddress() {
    CheckResult r = run("nomail.example", "mx/nomail.zone");
    assertThat(finding(r, "mx.missing").severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void reportsNullMxAsInfoWhenSpfForbidsSending() {
    CheckResult r = run("nullmx.example", "mx/nullmx.zone");
    assertThat(codes(r)).containsExactly("mx.null");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void warnsAboutNullMxWithoutSpfDenyAll() {
    CheckResult r = run("nullmx-nospf.example", "mx/nullmx-nospf.zone");
    Finding f = finding(r, "mx.null");
    assertThat(f.severity()).isEqualTo(Severity.WARN);
    assertThat(f.remediation()).contains("v=spf1 -all");
  }

  @Test
  void failsNullMxMixedWithOtherMx() {
    CheckResult r = run("nullmx-mixed.example", "mx/nullmx-mixed.zone", "mx/good.zone");
    assertThat(codes(r)).contains("mx.null-mixed");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void flagsEveryKindOfBrokenMxTarget() {
    CheckResult r = run("broken.example", "mx/broken.zone", "mx/good.zone");
    assertThat(codes(r))
        .contains(
            "mx.cname", "mx.ip-literal", "mx.no-address", "mx.duplicate", "mx.private-address")
        .doesNotContain("mx.ok");
    assertThat(finding(r, "mx.cname").remediation()).contains("mx1.good.example");
    assertThat(finding(r, "mx.private-address").message()).contains("10.1.2.3").contains("private");
    // Other MX hosts work, so a host without address delays mail rather than stopping it.
    assertThat(finding(r, "mx.no-address").severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void failsWhenNoMxHostHasAnAddress() {
    CheckResult r = run("deadmx.example", "mx/deadmx.zone");
    assertThat(finding(r, "mx.no-address").severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void notesMissingIpv6() {
    CheckResult r = run("v4only.example", "mx/v4only.zone");
    assertThat(codes(r)).contains("mx.no-ipv6", "mx.ok");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void flagsDocumentationAddressesUnlessAssumedPublic() {
    CheckResult r =
        Fixtures.run(
            check, Fixtures.zones("mx/good.zone").build(), AuditRequest.of("good.example"));
    assertThat(codes(r)).contains("mx.private-address");
    assertThat(finding(r, "mx.private-address").message()).contains("documentation");
  }

  @Test
  void reportsNxdomainForADomainThatDoesNotExist() {
    CheckResult r = run("missing.good.example", "mx/good.zone");
    assertThat(codes(r)).containsExactly("mx.nxdomain");
  }

  @Test
  void reportsTimeoutAsInconclusiveNeverAsMissing() {
    CheckResult r =
        Fixtures.run(
            check,
            Fixtures.zones("mx/good.zone")
                .fault("good.example", Type.MX, DnsStatus.TIMEOUT)
                .build(),
            "good.example");
    assertThat(codes(r)).containsExactly("dns.timeout");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void reportsServfailAsInconclusive() {
    CheckResult r =
        Fixtures.run(
            check,
            Fixtures.zones("mx/good.zone")
                .fault("good.example", Type.MX, DnsStatus.SERVFAIL)
                .build(),
            "good.example");
    assertThat(codes(r)).containsExactly("dns.servfail");
  }

  @Test
  void reportsAFailedHostLookupAsInconclusiveNotAsNoAddress() {
    CheckResult r =
        Fixtures.run(
            check,
            Fixtures.zones("mx/good.zone").fault("mx2.good.example", DnsStatus.TIMEOUT).build(),
            "good.example");
    assertThat(codes(r)).contains("dns.timeout").doesNotContain("mx.no-address");
  }
}
