package io.mxray.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DmarcCheckTest {

  private static final String[] ALL = {
    "dmarc/reject.zone",
    "dmarc/reports.zone",
    "dmarc/vendor.zone",
    "dmarc/none.zone",
    "dmarc/missing.zone",
    "dmarc/multiple.zone",
    "dmarc/syntax.zone",
    "dmarc/apex.zone",
    "dmarc/loose.zone",
    "dmarc/org.zone",
    "dmarc/nomailrua.zone"
  };

  private static CheckResult run(String domain) {
    return Fixtures.run(new DmarcCheck(), Fixtures.zones(ALL).build(), domain);
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static Finding finding(CheckResult r, String code) {
    return r.findings().stream().filter(f -> f.codeId().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void passesARejectPolicyWithAuthorizedExternalReports() {
    CheckResult r = run("reject.example");
    assertThat(codes(r)).containsExactly("dmarc.ok");
    assertThat(r.facts().get("foundAt")).isEqualTo("_dmarc.reject.example");
    assertThat(r.facts().get("appliedPolicy")).isEqualTo("reject");
  }

  @Test
  void warnsAboutMonitoringOnlyAndGivesTheNextRecord() {
    CheckResult r = run("none.example");
    Finding f = finding(r, "dmarc.policy-none");
    assertThat(f.severity()).isEqualTo(Severity.WARN);
    assertThat(f.remediation())
        .contains(
            "_dmarc.none.example. IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@none.example\"");
    assertThat(codes(r)).doesNotContain("dmarc.ok");
  }

  @Test
  void failsWhenNoRecordExistsAndSuggestsOne() {
    CheckResult r = run("missing.example");
    assertThat(codes(r)).containsExactly("dmarc.missing");
    assertThat(finding(r, "dmarc.missing").remediation())
        .contains("_dmarc.missing.example. IN TXT \"v=DMARC1; p=none");
    assertThat(r.facts().get("asked")).isEqualTo(List.of("_dmarc.missing.example"));
  }

  @Test
  void failsOnMultipleRecords() {
    assertThat(codes(run("multiple.example"))).containsExactly("dmarc.multiple");
  }

  @Test
  void failsOnAnUnusableRecord() {
    CheckResult r = run("syntax.example");
    assertThat(codes(r)).containsExactly("dmarc.syntax");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
    assertThat(finding(r, "dmarc.syntax").message()).contains("position 10");
  }

  @Test
  void findsARecordPublishedAtTheApex() {
    CheckResult r = run("apex.example");
    assertThat(codes(r)).containsExactly("dmarc.at-apex");
    assertThat(finding(r, "dmarc.at-apex").remediation())
        .contains("_dmarc.apex.example. IN TXT \"v=DMARC1; p=reject");
  }

  @Test
  void flagsEveryLooseSetting() {
    CheckResult r = run("loose.example");
    assertThat(codes(r))
        .contains(
            "dmarc.subdomain-policy-none",
            "dmarc.pct-partial",
            "dmarc.no-rua",
            "dmarc.testing",
            "dmarc.unknown-tag",
            "dmarc.rua-unauthorized")
        .doesNotContain("dmarc.ok");
    assertThat(finding(r, "dmarc.rua-unauthorized").remediation())
        .contains("loose.example._report._dmarc.vendor.example. IN TXT \"v=DMARC1\"");
    assertThat(finding(r, "dmarc.subdomain-policy-none").remediation()).contains("sp=quarantine");
  }

  @Test
  void inheritsTheOrganizationalDomainsSubdomainPolicy() {
    CheckResult r = run("mail.org.example");
    assertThat(codes(r)).contains("dmarc.inherited", "dmarc.ok");
    assertThat(r.facts().get("foundAt")).isEqualTo("_dmarc.org.example");
    assertThat(r.facts().get("appliedPolicy")).isEqualTo("quarantine");
    assertThat(r.facts().get("asked"))
        .isEqualTo(List.of("_dmarc.mail.org.example", "_dmarc.org.example"));
  }

  @Test
  void treeWalkFindsAnIntermediateRecordThatThePslSkips() {
    CheckResult psl = run("deep.sub.org.example");
    assertThat(psl.facts().get("foundAt")).isEqualTo("_dmarc.org.example");
    CheckResult walk =
        Fixtures.run(
            new DmarcCheck(DmarcDiscovery.Mode.TREE_WALK),
            Fixtures.zones(ALL).build(),
            "deep.sub.org.example");
    assertThat(walk.facts().get("foundAt")).isEqualTo("_dmarc.sub.org.example");
    assertThat(codes(walk)).contains("dmarc.inherited", "dmarc.policy-none");
  }

  @Test
  void warnsWhenTheReportDomainAcceptsNoMail() {
    assertThat(codes(run("nomailrua.example"))).contains("dmarc.rua-undeliverable");
  }

  @Test
  void reportsATimeoutAsInconclusiveNeverAsMissing() {
    CheckResult r =
        Fixtures.run(
            new DmarcCheck(),
            Fixtures.zones(ALL).fault("_dmarc.none.example", Type.TXT, DnsStatus.TIMEOUT).build(),
            "none.example");
    assertThat(codes(r)).containsExactly("dmarc.lookup-timeout");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void doesNotClimbToTheOrgDomainWhenTheSubdomainLookupFails() {
    CheckResult r =
        Fixtures.run(
            new DmarcCheck(),
            Fixtures.zones(ALL).fault("_dmarc.mail.org.example", DnsStatus.SERVFAIL).build(),
            "mail.org.example");
    assertThat(codes(r)).containsExactly("dmarc.lookup-timeout");
  }
}
