package io.mxray.core.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.dnssec.DnsjavaDnssecValidator;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import io.mxray.core.testing.SignedZoneResolver;
import io.mxray.core.testing.TestCertificates;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

class DaneCheckTest {

  private static TestCertificates.Issued ca;
  private static TestCertificates.Issued leaf;
  private static ChainSource probe;

  /** Signed zones: mx1.secure.example matches, mx2 mismatches, mx3's TLSA signature is broken. */
  private static SignedZoneResolver signed;

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static List<String> codes(CheckResult r, String subject) {
    return r.findings().stream()
        .filter(f -> f.subject().equals(subject))
        .map(Finding::codeId)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hostFacts(CheckResult r, String host) {
    return ((List<Map<String, Object>>) r.facts().get("mx"))
        .stream().filter(f -> f.get("host").equals(host)).findFirst().orElseThrow();
  }

  private static Record tlsa(String host, int usage, TestCertificates.Issued cert)
      throws TextParseException {
    return new TLSARecord(
        Name.fromString("_25._tcp." + host + "."),
        DClass.IN,
        300,
        usage,
        1,
        1,
        TlsaMatcher.associationData(cert.certificate(), 1, 1));
  }

  private static List<Record> mx(String zone, int preference, String host, String ip)
      throws Exception {
    return List.of(
        new MXRecord(
            Name.fromString(zone + "."), DClass.IN, 300, preference, Name.fromString(host + ".")),
        new ARecord(Name.fromString(host + "."), DClass.IN, 300, InetAddress.getByName(ip)));
  }

  /** The TLSA data for each zone: the leaf and its CA (DANE-EE plus DANE-TA, so rollover-ready). */
  private static List<Record> daneRecords() throws Exception {
    TestCertificates.Issued other = TestCertificates.leaf(ca, "mx2.secure.example");
    TestCertificates.Issued next = TestCertificates.leaf(ca, "mx2.secure.example");
    List<Record> r = new java.util.ArrayList<>();
    for (String zone : List.of("secure.example", "insecure.example", "bogus.example")) {
      r.add(tlsa("mx1." + zone, 3, leaf));
      r.add(tlsa("mx1." + zone, 2, ca));
    }
    r.addAll(mx("secure.example", 20, "mx2.secure.example", "192.0.2.31"));
    r.add(tlsa("mx2.secure.example", 3, other));
    r.add(tlsa("mx2.secure.example", 3, next));
    r.addAll(mx("secure.example", 30, "mx3.secure.example", "192.0.2.32"));
    r.add(tlsa("mx3.secure.example", 3, leaf));
    r.add(tlsa("mx3.secure.example", 2, ca));
    return r;
  }

  @BeforeAll
  static void signZones() throws Exception {
    ca = TestCertificates.ca("CA");
    leaf = TestCertificates.leaf(ca, "mx1.secure.example");
    probe = (ctx, host) -> List.of(leaf.certificate(), ca.certificate());
    signed =
        new SignedZoneResolver(true, false, daneRecords())
            .breakSignature("_25._tcp.mx3.secure.example", Type.TLSA);
  }

  /**
   * The audit's DNS port over the same data, unsigned: it never sets AD, so only the validator can
   * say secure.
   */
  private static ZoneFileDnsClient.Builder dnsOf(SignedZoneResolver zones) {
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    zones.records().forEach(b::record);
    return b;
  }

  private static CheckResult runValidated(
      SignedZoneResolver zones, ZoneFileDnsClient dns, String domain) {
    DnsjavaDnssecValidator v =
        new DnsjavaDnssecValidator(
            zones, zones.trustAnchor(), "test anchor", Duration.ofSeconds(10));
    return Fixtures.run(
        new DaneCheck(probe).withValidator(v), dns, Fixtures.request(domain).withProbe(true));
  }

  @Test
  void reportsUnsignedTlsaAndTheMxWithoutTlsa() {
    CheckResult r =
        Fixtures.run(new DaneCheck(), Fixtures.zones("dane/dane.zone").build(), "dane.example");
    assertThat(codes(r))
        .containsExactlyInAnyOrder("dane.insecure", "dane.no-rollover", "dane.missing");
    assertThat(r.findings())
        .filteredOn(f -> f.codeId().equals("dane.missing"))
        .extracting(Finding::subject)
        .containsExactly("mx2.dane.example");
  }

  @Test
  void withoutAValidatorTheResolversAdFlagDecides() {
    CheckResult r =
        Fixtures.run(new DaneCheck(), Fixtures.zones("dane/dane.zone").build(), "dane.example");
    assertThat(r.facts().get("dnssecSource")).isEqualTo("resolver-ad");
    assertThat(hostFacts(r, "mx1.dane.example"))
        .containsEntry("dnssec", "insecure")
        .containsEntry("dnssecSecure", false);
  }

  @Test
  void summarisesADomainWithoutAnyTlsaOnce() {
    CheckResult r =
        Fixtures.run(new DaneCheck(), Fixtures.zones("mx/good.zone").build(), "good.example");
    assertThat(codes(r)).containsExactly("dane.missing");
    assertThat(r.findings().get(0).subject()).isEqualTo("good.example");
  }

  @Test
  void matchesAgainstTheChainTheProbeSaw() {
    CheckResult r =
        Fixtures.run(
            new DaneCheck(probe),
            Fixtures.zones("dane/dane.zone").build(),
            Fixtures.request("dane.example").withProbe(true));
    assertThat(codes(r)).contains("dane.mismatch");
  }

  @Test
  void reportsATlsaLookupTimeoutAsInconclusive() {
    CheckResult r =
        Fixtures.run(
            new DaneCheck(),
            Fixtures.zones("dane/dane.zone")
                .fault("_25._tcp.mx1.dane.example", Type.TLSA, DnsStatus.TIMEOUT)
                .build(),
            "dane.example");
    assertThat(codes(r)).contains("dns.timeout").doesNotContain("dane.insecure");
  }

  @Test
  void validatedSecureRecordsThatMatchTheChainPass() {
    CheckResult r = runValidated(signed, dnsOf(signed).build(), "secure.example");
    assertThat(codes(r, "mx1.secure.example")).containsExactly("dane.ok");
    assertThat(r.facts())
        .containsEntry("dnssecSource", "validator")
        .containsEntry("trustAnchor", "test anchor")
        .containsEntry("mxDnssec", "secure");
    assertThat(hostFacts(r, "mx1.secure.example"))
        .containsEntry("dnssec", "secure")
        .containsEntry("dnssecSecure", true);
  }

  @Test
  void validatedSecureRecordsThatMatchNothingAreAMismatchThatBreaksDelivery() {
    CheckResult r = runValidated(signed, dnsOf(signed).build(), "secure.example");
    assertThat(codes(r, "mx2.secure.example")).containsExactly("dane.mismatch");
    assertThat(r.findings())
        .filteredOn(f -> f.subject().equals("mx2.secure.example"))
        .first()
        .extracting(Finding::message)
        .asString()
        .contains("will refuse to deliver");
    assertThat(codes(r)).doesNotContain("dane.insecure");
  }

  @Test
  void aBrokenSignatureOverTheTlsaRecordsIsBogus() {
    CheckResult r = runValidated(signed, dnsOf(signed).build(), "secure.example");
    assertThat(codes(r, "mx3.secure.example")).containsExactly("dane.bogus");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
    assertThat(hostFacts(r, "mx3.secure.example"))
        .containsEntry("dnssec", "bogus")
        .containsEntry("dnssecRrset", "_25._tcp.mx3.secure.example TLSA");
  }

  @Test
  void tlsaRecordsInAProvablyUnsignedZoneAreInsecure() {
    CheckResult r = runValidated(signed, dnsOf(signed).build(), "insecure.example");
    assertThat(codes(r)).containsExactly("dane.insecure");
    assertThat(hostFacts(r, "mx1.insecure.example")).containsEntry("dnssec", "insecure");
    assertThat(r.facts()).containsEntry("mxDnssec", "insecure");
  }

  @Test
  void aBrokenChainOfTrustIsBogusEvenWhenTheResolverOnlySaysServfail() {
    // A validating resolver answers SERVFAIL for bogus data; the validator (asking with CD) says
    // why.
    ZoneFileDnsClient dns =
        dnsOf(signed).fault("_25._tcp.mx1.bogus.example", Type.TLSA, DnsStatus.SERVFAIL).build();
    CheckResult r = runValidated(signed, dns, "bogus.example");
    assertThat(codes(r, "mx1.bogus.example")).containsExactly("dane.bogus");
    assertThat(codes(r)).doesNotContain("dns.servfail", "dane.insecure");
  }

  @Test
  void brokenSignaturesOverTheHostAddressOrTheMxRecordsAreBogus() throws Exception {
    SignedZoneResolver zones =
        new SignedZoneResolver(true, false, daneRecords())
            .breakSignature("mx1.secure.example", Type.A)
            .breakSignature("secure.example", Type.MX);
    CheckResult r = runValidated(zones, dnsOf(zones).build(), "secure.example");
    assertThat(codes(r, "mx1.secure.example")).containsExactly("dane.bogus");
    assertThat(hostFacts(r, "mx1.secure.example"))
        .containsEntry("dnssecRrset", "mx1.secure.example A");
    assertThat(codes(r, "secure.example")).containsExactly("dane.bogus");
    assertThat(r.facts()).containsEntry("mxDnssec", "bogus");
  }

  @Test
  void aValidatorTimeoutIsInconclusiveNeverInsecure() {
    DnsjavaDnssecValidator silent =
        new DnsjavaDnssecValidator(
            new SignedZoneResolver.Failing(true),
            signed.trustAnchor(),
            "test anchor",
            Duration.ofMillis(300));
    CheckResult r =
        Fixtures.run(
            new DaneCheck(probe).withValidator(silent),
            dnsOf(signed).build(),
            Fixtures.request("insecure.example").withProbe(true));
    assertThat(codes(r)).containsExactly("dane.indeterminate");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
    assertThat(hostFacts(r, "mx1.insecure.example"))
        .containsEntry("dnssec", "indeterminate")
        .containsEntry("dnssecSecure", false);
    assertThat((String) hostFacts(r, "mx1.insecure.example").get("dnssecReason"))
        .contains("no answer within 300 ms");
  }
}
