package io.mxray.core.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class SpfCheckTest {

  private final SpfCheck check = new SpfCheck();

  private CheckResult run(String sub) {
    return run(Fixtures.zones("spf/lint.zone").build(), sub);
  }

  private CheckResult run(ZoneFileDnsClient dns, String sub) {
    return Fixtures.run(check, dns, sub + ".spf.example");
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static Finding finding(CheckResult r, String code) {
    return r.findings().stream().filter(f -> f.codeId().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void passesAGoodRecordAndCountsItsLookups() {
    CheckResult r = run("good");
    assertThat(codes(r)).containsExactly("spf.ok");
    assertThat(r.facts().get("lookups")).isEqualTo(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) r.facts().get("tree");
    assertThat((List<?>) tree.get("children")).hasSize(1);
  }

  @Test
  void reportsMissingForADomainThatReceivesMail() {
    assertThat(codes(run("missing"))).containsExactly("spf.missing");
  }

  @Test
  void pointsAtATxtRecordThatWasMeantAsSpf() {
    Finding f = finding(run("near-miss"), "spf.syntax");
    assertThat(f.evidence()).containsExactly("v=spf1; mx -all");
  }

  @Test
  void advisesDashAllForAParkedDomain() {
    Finding f = finding(run("parked"), "spf.parked-domain");
    assertThat(f.remediation()).contains("\"v=spf1 -all\"");
  }

  @Test
  void reportsMultipleRecordsWithAMergedOne() {
    Finding f = finding(run("multiple"), "spf.multiple");
    assertThat(f.severity()).isEqualTo(Severity.FAIL);
    assertThat(f.remediation()).contains("\"v=spf1 mx include:_spf.provider.spf.example -all\"");
  }

  @Test
  void reportsSyntaxErrorsWithAPointer() {
    Finding f = finding(run("syntax"), "spf.syntax");
    assertThat(f.evidence()).hasSize(2);
    assertThat(f.evidence().get(1)).isEqualTo(" ".repeat(14) + "^");
  }

  @Test
  void reportsInvalidMacros() {
    assertThat(codes(run("macro"))).containsExactly("spf.macro-invalid");
  }

  @Test
  void reportsTooManyLookupsAndOffersAFlattenedRecord() {
    Finding f = finding(run("too-many"), "spf.too-many-lookups");
    assertThat(f.message()).contains("11 DNS-querying terms");
    assertThat(f.remediation())
        .contains("Flatten include:_a.chain.spf.example")
        .contains(
            "\"v=spf1 ip4:203.0.113.1 ip4:203.0.113.2 ip4:203.0.113.3 ip4:203.0.113.0/28 include:_b.chain.spf.example"
                + " include:_c.chain.spf.example -all\"");
  }

  @Test
  void reportsVoidLookupsOverAndAtTheLimit() {
    assertThat(finding(run("void"), "spf.void-lookups").severity()).isEqualTo(Severity.FAIL);
    assertThat(finding(run("void-at-limit"), "spf.void-lookups").severity())
        .isEqualTo(Severity.WARN);
  }

  @Test
  void reportsAnIncludeWithoutRecord() {
    Finding f = finding(run("include-missing"), "spf.include-missing");
    assertThat(f.subject()).isEqualTo("nospf.spf.example");
  }

  @Test
  void reportsRedirectLoops() {
    assertThat(codes(run("loop1"))).contains("spf.redirect-loop");
  }

  @Test
  void reportsTheAllMechanism() {
    assertThat(finding(run("all-pass"), "spf.all-pass").remediation())
        .contains("\"v=spf1 mx -all\"");
    assertThat(codes(run("all-neutral"))).containsExactly("spf.all-neutral");
    assertThat(finding(run("no-all"), "spf.no-all").remediation()).contains("\"v=spf1 mx -all\"");
    Finding junk = finding(run("junk"), "spf.junk-after-all");
    assertThat(junk.message()).contains("ip4:192.0.2.1").contains("redirect=good.spf.example");
  }

  @Test
  void reportsPtrTypeNinetyNineAndLongRecords() {
    assertThat(codes(run("ptr"))).containsExactly("spf.ptr");
    CheckResult t99 = run("type99");
    assertThat(codes(t99)).containsExactly("spf.deprecated-rr-type", "spf.ok");
    assertThat(finding(run("long"), "spf.record-too-long").severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void reportsADraftStringLongerThan255OctetsWithTheSplitRecord() {
    String rec = "v=spf1 " + "ip4:192.0.2.1 ".repeat(20) + "-all";
    CheckResult r =
        check.audit(
            Fixtures.zones("spf/lint.zone").build(),
            "draft.spf.example",
            Optional.of(List.of(rec)));
    Finding f = finding(r, "spf.string-too-long");
    assertThat(f.remediation()).contains("( \"v=spf1 ");
  }

  @Test
  void aTimeoutIsInconclusiveNotMissing() {
    ZoneFileDnsClient dns =
        Fixtures.zones("spf/lint.zone")
            .fault("good.spf.example", Type.TXT, DnsStatus.TIMEOUT)
            .build();
    CheckResult r = run(dns, "good");
    assertThat(codes(r)).containsExactly("spf.lookup-timeout");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
    ZoneFileDnsClient slow =
        Fixtures.zones("spf/lint.zone")
            .fault("slow.spf.example", Type.TXT, DnsStatus.TIMEOUT)
            .build();
    assertThat(codes(run(slow, "timeout-include"))).containsExactly("spf.lookup-timeout");
  }

  @Test
  void aFailedAddressLookupIsInconclusiveNotVoid() {
    ZoneFileDnsClient dns =
        Fixtures.zones("spf/lint.zone").fault("mx.good.spf.example", DnsStatus.SERVFAIL).build();
    CheckResult r = run(dns, "good");
    assertThat(codes(r)).containsExactly("spf.lookup-timeout");
    assertThat(r.facts().get("voidLookups")).isEqualTo(0);
  }

  @Test
  void aRecordWithThousandsOfTermsIsWalkedWithABoundedNumberOfQueries() {
    String rec = "v=spf1 " + "a:h.spf.example ".repeat(3000) + "-all";
    io.mxray.core.dns.RecordingDnsClient dns =
        new io.mxray.core.dns.RecordingDnsClient(Fixtures.zones("spf/lint.zone").build());
    CheckResult r = check.audit(dns, "draft.spf.example", Optional.of(List.of(rec)));
    assertThat(codes(r)).contains("spf.too-many-lookups", "spf.record-too-long");
    assertThat(dns.queries().size()).isLessThanOrEqualTo(SpfTree.MAX_QUERIES + 1);
  }

  @Test
  void anIncludeChainThatNeverEndsIsBounded() {
    CheckResult r = run("link1");
    assertThat(codes(r)).contains("spf.too-many-lookups");
  }
}
