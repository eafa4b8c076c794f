package io.mxray.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.ReportFixtures;
import io.mxray.core.finding.Finding;
import io.mxray.core.insight.DmarcInsight.Category;
import io.mxray.core.insight.DmarcInsight.Source;
import io.mxray.core.insight.DmarcInsight.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DmarcInsightAnalyzerTest {

  static final Path ZONES = Path.of("src/test/resources/zones/insight");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-03T00:00:00Z"), ZoneOffset.UTC);
  static final Instant FROM = Instant.parse("2025-11-01T00:00:00Z");
  static final Instant TO = Instant.parse("2025-12-03T00:00:00Z");

  static ZoneFileDnsClient.Builder zones() {
    return ZoneFileDnsClient.builder()
        .zoneFile(ZONES.resolve("lab.zone"))
        .zoneFile(ZONES.resolve("vendor.zone"))
        .zoneFile(ZONES.resolve("reverse.zone"));
  }

  static AggregateReport report(String name) {
    return (AggregateReport)
        new FeedbackReader().read(name, ReportFixtures.bytes(name)).reports().get(0);
  }

  static Map<String, Source> byIp(DmarcInsight i) {
    return i.sources().stream().collect(Collectors.toMap(Source::ip, Function.identity()));
  }

  @Test
  void namesEverySourceThatWouldFailAndHowToFixIt() {
    DmarcInsight i =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(report("insight.xml")), FROM, TO);
    assertThat(i.messages()).isEqualTo(1000);
    assertThat(i.dmarcPass()).isEqualTo(880);
    assertThat(i.currentPolicy()).isEqualTo("p=none");
    assertThat(i.nextStep()).isEqualTo("p=quarantine");
    assertThat(i.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(i.blocking()).containsExactly("198.51.100.7", "203.0.113.50", "203.0.113.80");
    Map<String, Source> s = byIp(i);
    assertThat(s.get("192.0.2.25").category()).isEqualTo(Category.ALIGNED);
    assertThat(s.get("198.51.100.7").category()).isEqualTo(Category.THIRD_PARTY);
    assertThat(s.get("198.51.100.7").ptr()).isEqualTo("mail.vendor.example");
    assertThat(s.get("198.51.100.7").share()).isEqualTo(4.0);
    assertThat(s.get("203.0.113.50").category()).isEqualTo(Category.NOT_IN_SPF);
    assertThat(s.get("203.0.113.80").category()).isEqualTo(Category.DKIM_BROKEN);
    assertThat(s.get("203.0.113.80").dkimKeysNow())
        .containsExactly("s9._domainkey.lab.example missing");
    assertThat(s.get("192.0.2.77").category()).isEqualTo(Category.FIXED_SINCE);
    assertThat(s.get("192.0.2.77").spfNowMatch()).contains("ip4:192.0.2.0/24");
    assertThat(s.get("2001:db8::25").category()).isEqualTo(Category.FORWARDED);
    assertThat(s.get("203.0.113.99").category()).isEqualTo(Category.UNAUTHENTICATED);
    assertThat(i.findings())
        .extracting(Finding::codeId)
        .contains(
            "insight.not-ready",
            "insight.unaligned-third-party",
            "insight.not-in-spf",
            "insight.dkim-broken",
            "insight.fixed-since",
            "insight.forwarded",
            "insight.unauthenticated");
    Finding vendor =
        i.findings().stream()
            .filter(f -> f.subject().equals("198.51.100.7"))
            .findFirst()
            .orElseThrow();
    assertThat(vendor.message()).contains("198.51.100.7 (mail.vendor.example)", "4.0 %");
    assertThat(vendor.remediation()).contains("DKIM d=lab.example", "include:_spf.vendor.example");
  }

  @Test
  void everyProposedSpfRecordPassesForItsSourceWhenPublished() {
    DmarcInsight i =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(report("insight.xml")), FROM, TO);
    Source own = byIp(i).get("203.0.113.50");
    assertThat(own.proposedSpf()).isEqualTo("v=spf1 ip4:192.0.2.0/24 ip4:203.0.113.50 -all");
    assertThat(own.proposedSpfPasses()).isTrue();
    // Published for real (a zone with the proposed record), the source now passes: fixed.
    ZoneFileDnsClient published =
        ZoneFileDnsClient.builder()
            .zone(
                "lab.example",
                "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\n@ IN TXT \""
                    + own.proposedSpf()
                    + "\"\n_dmarc IN TXT \"v=DMARC1; p=none\"\n")
            .zoneFile(ZONES.resolve("vendor.zone"))
            .build();
    DmarcInsight after =
        new DmarcInsightAnalyzer(published, CLOCK)
            .analyze("lab.example", List.of(report("insight.xml")), FROM, TO);
    assertThat(byIp(after).get("203.0.113.50").category()).isEqualTo(Category.FIXED_SINCE);
    Source vendor = byIp(i).get("198.51.100.7");
    assertThat(vendor.proposedSpf()).contains("include:_spf.vendor.example");
    assertThat(vendor.proposedSpfPasses()).isTrue();
  }

  @Test
  void isReadyWhenOnlyForwardersAndSpoofersFail() {
    DmarcInsight i =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(report("rfc7489.xml")), FROM, TO);
    // rfc7489.xml: 90 aligned, the vendor (4 %) and a forwarded source.
    assertThat(i.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(i.blocking()).containsExactly("198.51.100.7");
    AggregateReport onlyGood = report("rfc7489.xml");
    AggregateReport trimmed =
        new AggregateReport(
            onlyGood.schema(),
            onlyGood.version(),
            onlyGood.orgName(),
            onlyGood.email(),
            onlyGood.extraContactInfo(),
            onlyGood.reportId(),
            onlyGood.dateRange(),
            onlyGood.generator(),
            onlyGood.errors(),
            onlyGood.policy(),
            List.of(onlyGood.records().get(0), onlyGood.records().get(2)),
            List.of());
    DmarcInsight ready =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(trimmed), FROM, TO);
    assertThat(ready.verdict()).isEqualTo(Verdict.READY);
    assertThat(ready.findings())
        .extracting(Finding::codeId)
        .contains("insight.ready", "insight.forwarded");
  }

  @Test
  void saysSoWhenThereAreNoReports() {
    DmarcInsight i =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(), FROM, TO);
    assertThat(i.verdict()).isEqualTo(Verdict.NO_DATA);
    assertThat(i.findings()).extracting(Finding::codeId).containsExactly("insight.no-reports");
  }

  @Test
  void couldNotTellIsNeverFixed() {
    ZoneFileDnsClient broken =
        zones()
            .fault("lab.example", Type.TXT, DnsStatus.TIMEOUT)
            .fault("_dmarc.lab.example", Type.TXT, DnsStatus.SERVFAIL)
            .build();
    DmarcInsight i =
        new DmarcInsightAnalyzer(broken, CLOCK)
            .analyze("lab.example", List.of(report("insight.xml")), FROM, TO);
    assertThat(byIp(i).get("192.0.2.77").category()).isNotEqualTo(Category.FIXED_SINCE);
    assertThat(i.findings()).extracting(Finding::codeId).contains("insight.dns-unavailable");
  }

  @Test
  void countsPolicyStepsAndDays() {
    DmarcInsight i =
        new DmarcInsightAnalyzer(zones().build(), CLOCK)
            .analyze("lab.example", List.of(report("insight.xml")), FROM, TO);
    assertThat(i.steps())
        .extracting(DmarcInsight.PolicyStep::policy)
        .containsExactly("p=none", "p=quarantine", "p=reject");
    DmarcInsight.PolicyStep reject = i.steps().get(2);
    assertThat(reject.affected()).isEqualTo(120);
    assertThat(reject.affectedWanted()).isEqualTo(115);
    assertThat(i.days()).hasSize(1);
    assertThat(i.days().get(0).pass()).isEqualTo(880);
  }
}
