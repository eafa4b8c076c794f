package io.mxray.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import io.mxray.core.testing.SignedZoneResolver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnssecCheckTest {

  private static DnsjavaDnssecValidator validator;

  @BeforeAll
  static void signZones() throws Exception {
    SignedZoneResolver zones = new SignedZoneResolver();
    validator =
        new DnsjavaDnssecValidator(
            zones, zones.trustAnchor(), "test anchor for example.", Duration.ofSeconds(10));
  }

  private static CheckResult run(String domain) {
    // The DNS port is not used when a validator is configured: an empty zone set proves it.
    return Fixtures.run(new DnssecCheck(validator), Fixtures.zones().build(), domain);
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void aSignedZoneWithAMatchingDsIsSecure() {
    CheckResult r = run("secure.example");
    assertThat(codes(r)).containsExactly("dnssec.secure");
    assertThat(r.facts().get("status")).isEqualTo("secure");
  }

  @Test
  void aZoneWhoseDsMatchesNoKeyIsBogus() {
    CheckResult r = run("bogus.example");
    assertThat(codes(r)).containsExactly("dnssec.bogus");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
    assertThat((String) r.facts().get("reason")).isNotEmpty();
  }

  @Test
  void nsec3SignedParentsProveSecureBogusAndInsecureDelegationsToo() throws Exception {
    SignedZoneResolver nsec3 = new SignedZoneResolver(true, true);
    DnsjavaDnssecValidator v =
        new DnsjavaDnssecValidator(nsec3, nsec3.trustAnchor(), "test", Duration.ofSeconds(10));
    assertThat(v.validate("secure.example", Type.SOA).status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(v.validate("bogus.example", Type.SOA).status()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(v.validate("insecure.example", Type.SOA).status()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void anNsec3ParentWithoutItsProofIsNotTakenAsInsecure() throws Exception {
    SignedZoneResolver broken = new SignedZoneResolver(false, true);
    DnsjavaDnssecValidator v =
        new DnsjavaDnssecValidator(broken, broken.trustAnchor(), "test", Duration.ofSeconds(10));
    assertThat(v.validate("insecure.example", Type.SOA).status()).isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void expiredSignaturesAreBogus() {
    CheckResult r = run("expired.example");
    assertThat(codes(r)).containsExactly("dnssec.bogus");
  }

  @Test
  void anUnsignedDelegationWithoutAProofOfNoDsIsNotTakenAsInsecure() throws Exception {
    SignedZoneResolver broken = new SignedZoneResolver(false, false);
    DnsjavaDnssecValidator v =
        new DnsjavaDnssecValidator(broken, broken.trustAnchor(), "test", Duration.ofSeconds(10));
    assertThat(v.validate("insecure.example", Type.SOA).status()).isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void anUnsignedDelegationWithAnNsecProofIsInsecure() {
    CheckResult r = run("insecure.example");
    assertThat(codes(r)).containsExactly("dnssec.unsigned");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void theValidatorDecidesNotTheAdBitOfTheUpstream() {
    // The in-process upstream never sets AD; secure comes from checking signatures against the
    // anchor.
    assertThat(validator.validate("secure.example", Type.MX).status())
        .isEqualTo(DnssecStatus.SECURE);
    assertThat(validator.validate("bogus.example", Type.MX).status()).isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void withoutAValidatorAZoneWithoutKeysIsUnsignedFromTheDnsPortAlone() {
    CheckResult r =
        Fixtures.run(new DnssecCheck(), Fixtures.zones("mx/good.zone").build(), "good.example");
    assertThat(codes(r)).containsExactly("dnssec.unsigned");
    assertThat(r.facts().get("method")).isEqualTo("dnskey-presence");
  }

  @Test
  void withoutAValidatorPublishedKeysAreReportedAsNotValidated() {
    CheckResult r =
        Fixtures.run(
            new DnssecCheck(),
            Fixtures.zones("dnssec/signed-draft.zone").build(),
            "signed.example");
    assertThat(codes(r)).containsExactly("dnssec.not-validated");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void withoutAValidatorALookupFailureIsInconclusive() {
    CheckResult r =
        Fixtures.run(
            new DnssecCheck(),
            Fixtures.zones("mx/good.zone")
                .fault("good.example", Type.DNSKEY, DnsStatus.SERVFAIL)
                .build(),
            "good.example");
    assertThat(codes(r)).containsExactly("dns.servfail");
  }

  @Test
  void anUnreachableUpstreamIsIndeterminate() {
    DnsjavaDnssecValidator dead =
        new DnsjavaDnssecValidator(
            new SignedZoneResolver.Failing(), validatorAnchor(), "test", Duration.ofSeconds(2));
    CheckResult r = Fixtures.run(new DnssecCheck(dead), Fixtures.zones().build(), "secure.example");
    assertThat(codes(r)).containsExactly("dnssec.indeterminate");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void refusesAnchorTextWithoutAnchors() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DnsjavaDnssecValidator(
                    new SignedZoneResolver.Failing(),
                    "; nothing here\n",
                    "test",
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no DS or DNSKEY");
  }

  @Test
  void shipsTheIanaRootAnchors() {
    assertThat(DnsjavaDnssecValidator.rootAnchors())
        .contains(". IN DS 20326 8 2")
        .contains(". IN DS 38696 8 2");
  }

  private static String validatorAnchor() {
    return "example. 300 IN DS 1 13 2 0000000000000000000000000000000000000000000000000000000000000000";
  }
}
