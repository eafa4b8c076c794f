package io.mxray.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DkimKeyCheckTest {

  private static CheckResult run(String domain, List<String> selectors) {
    return Fixtures.run(
        new DkimKeyCheck(),
        Fixtures.zones("dkim/good.zone", "dkim/weak.zone", "dkim/none.zone").build(),
        Fixtures.request(domain).withDkimSelectors(selectors));
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static List<Finding> all(CheckResult r, String code) {
    return r.findings().stream().filter(f -> f.codeId().equals(code)).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void findsACommonSelectorAndAGivenOne() {
    CheckResult r = run("good.example", List.of("brisbane"));
    assertThat(codes(r)).containsExactly("dkim.ok");
    List<Map<String, Object>> found = (List<Map<String, Object>>) r.facts().get("selectorsFound");
    assertThat(found).extracting(m -> m.get("selector")).containsExactly("brisbane", "selector1");
    assertThat(found).extracting(m -> m.get("bits")).containsExactly(256, 2048);
    assertThat(found).extracting(m -> m.get("keyType")).containsExactly("ed25519", "rsa");
    assertThat((List<String>) r.facts().get("selectorsTried"))
        .startsWith("brisbane", "google")
        .containsAll(SelectorDiscovery.commonSelectors());
  }

  @Test
  void ratesWeakRevokedTestingAndInvalidKeys() {
    CheckResult r = run("weak.example", List.of());
    assertThat(codes(r))
        .contains(
            "dkim.key-weak",
            "dkim.testing",
            "dkim.key-revoked",
            "dkim.key-invalid",
            "dkim.key-sha1-only",
            "dkim.key-not-for-email")
        .doesNotContain("dkim.ok", "dkim.none-found");
    assertThat(all(r, "dkim.key-weak"))
        .extracting(Finding::severity)
        .containsExactlyInAnyOrder(Severity.FAIL, Severity.WARN);
    assertThat(all(r, "dkim.key-weak"))
        .extracting(Finding::subject)
        .containsExactlyInAnyOrder("s1._domainkey.weak.example", "s2._domainkey.weak.example");
    assertThat(all(r, "dkim.testing").get(0).remediation())
        .contains("IN TXT \"v=DKIM1; k=rsa; p=MIG");
  }

  @Test
  void noKeyAmongTheCommonSelectorsIsOnlyInformation() {
    CheckResult r = run("none.example", List.of());
    assertThat(codes(r)).containsExactly("dkim.none-found");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void withoutDiscoveryOnlyGivenSelectorsAreAskedAndNothingIsClaimed() {
    var zones = Fixtures.zones("dkim/good.zone").build();
    CheckResult none =
        Fixtures.run(
            new DkimKeyCheck(), zones, Fixtures.request("good.example").withDkimDiscovery(false));
    assertThat(codes(none)).containsExactly("dkim.not-looked-up");
    assertThat(none.facts())
        .containsEntry("discovery", false)
        .containsEntry("selectorsTried", List.of());
    CheckResult given =
        Fixtures.run(
            new DkimKeyCheck(),
            zones,
            Fixtures.request("good.example")
                .withDkimDiscovery(false)
                .withDkimSelectors(List.of("brisbane")));
    assertThat(given.facts()).containsEntry("selectorsTried", List.of("brisbane"));
    assertThat(codes(given)).doesNotContain("dkim.not-looked-up", "dkim.none-found");
  }

  @Test
  void aGivenSelectorWithoutKeyFails() {
    CheckResult r = run("good.example", List.of("nosuch"));
    assertThat(codes(r)).contains("dkim.selector-missing");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void aTimedOutSelectorIsInconclusiveNotMissing() {
    CheckResult r =
        Fixtures.run(
            new DkimKeyCheck(),
            Fixtures.zones("dkim/good.zone")
                .fault("brisbane._domainkey.good.example", Type.TXT, DnsStatus.TIMEOUT)
                .build(),
            Fixtures.request("good.example").withDkimSelectors(List.of("brisbane")));
    assertThat(codes(r)).contains("dns.timeout").doesNotContain("dkim.selector-missing");
  }

  @Test
  void manyFailedLookupsBecomeOneInconclusiveFindingAndNoClaimOfAbsence() {
    var zones = Fixtures.zones("dkim/none.zone");
    for (String s : SelectorDiscovery.commonSelectors()) {
      zones.fault(s + "._domainkey.none.example", Type.TXT, DnsStatus.TIMEOUT);
    }
    CheckResult r = Fixtures.run(new DkimKeyCheck(), zones.build(), "none.example");
    assertThat(codes(r)).containsExactly("dns.timeout");
    assertThat(r.findings().get(0).evidence()).hasSize(SelectorDiscovery.commonSelectors().size());
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }
}
