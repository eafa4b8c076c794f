package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Validates real {@code mxray report} output against docs/schema/feedback.schema.json: every report
 * fixture of core (aggregate in all three schemas, faults, TLS-RPT, ARF and free-text failure
 * reports), as single documents and as the list, and shows the schema rejects breaches.
 */
class FeedbackJsonSchemaTest {

  static final Path DIR = Golden.repoRoot().resolve("core/src/test/resources/feedback");

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
  }

  static FeedbackReader.Outcome read(Path p) throws IOException {
    return new FeedbackReader().read(p.getFileName().toString(), Files.readAllBytes(p));
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureReportMatchesTheSchema() throws IOException {
    return fixtures().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.getFileName().toString(),
                    () -> {
                      FeedbackReader.Outcome o = read(p);
                      for (FeedbackReport r : o.reports()) {
                        Schemas.assertValid("feedback.schema.json", FeedbackJson.of(r, "x"));
                        Schemas.assertValid("feedback.schema.json", FeedbackJson.of(r, ""));
                      }
                      Schemas.assertValid(
                          "feedback.schema.json", FeedbackJson.list(List.of(o), Map.of()));
                    }));
  }

  @Test
  void theFixturesCoverEveryReportType() throws IOException {
    List<String> types = new ArrayList<>();
    List<FeedbackReader.Outcome> all = new ArrayList<>();
    for (Path p : fixtures()) {
      FeedbackReader.Outcome o = read(p);
      all.add(o);
      o.reports().forEach(r -> types.add(FeedbackJson.of(r, "").get("type").asText()));
    }
    assertThat(types).contains("dmarc-aggregate", "dmarc-failure", "tlsrpt");
    ObjectNode list = FeedbackJson.list(all, Map.of());
    Schemas.assertValid("feedback.schema.json", list);
    assertThat(list.get("severity").asText()).isEqualTo("fail");
  }

  @Test
  void rejectsDocumentsThatBreakTheContract() throws IOException {
    FeedbackReport r = read(DIR.resolve("rfc7489.xml")).reports().get(0);
    ObjectNode good = FeedbackJson.of(r, "rfc7489.xml");
    Schemas.assertValid("feedback.schema.json", good);

    ObjectNode noRecords = good.deepCopy();
    noRecords.remove("records");
    Schemas.assertRejected("feedback.schema.json", noRecords, "records");

    ObjectNode badDmarc = good.deepCopy();
    ((ObjectNode) badDmarc.get("records").get(0)).put("dmarc", "PASS");
    Schemas.assertRejected("feedback.schema.json", badDmarc, "dmarc");

    ObjectNode extra = good.deepCopy();
    extra.put("surprise", 1);
    Schemas.assertRejected("feedback.schema.json", extra, "surprise");

    ObjectNode noVersion = good.deepCopy();
    noVersion.remove("schemaVersion");
    Schemas.assertRejected("feedback.schema.json", noVersion, "schemaVersion");
  }

  @Test
  void insightDocumentsMatchTheSchema() throws IOException {
    Path zones = Golden.repoRoot().resolve("core/src/test/resources/zones/insight");
    io.mxray.core.dns.ZoneFileDnsClient dns =
        io.mxray.core.dns.ZoneFileDnsClient.builder()
            .zoneFile(zones.resolve("lab.zone"))
            .zoneFile(zones.resolve("vendor.zone"))
            .zoneFile(zones.resolve("reverse.zone"))
            .build();
    java.time.Clock clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2025-12-03T00:00:00Z"), java.time.ZoneOffset.UTC);
    java.time.Instant from = java.time.Instant.parse("2025-11-01T00:00:00Z");
    java.time.Instant to = clock.instant();
    List<io.mxray.core.feedback.AggregateReport> agg = new ArrayList<>();
    List<io.mxray.core.feedback.TlsReport> tls = new ArrayList<>();
    for (String f : List.of("insight.xml", "rfc7489.xml", "dmarcbis.xml", "tlsrpt.json")) {
      for (FeedbackReport r : read(DIR.resolve(f)).reports()) {
        if (r instanceof io.mxray.core.feedback.AggregateReport a) {
          agg.add(a);
        } else if (r instanceof io.mxray.core.feedback.TlsReport t) {
          tls.add(t);
        }
      }
    }
    var d =
        new io.mxray.core.insight.DmarcInsightAnalyzer(dns, clock)
            .analyze("lab.example", agg, from, to);
    var t =
        io.mxray.core.insight.TlsInsightAnalyzer.analyze(
            "lab.example", tls, from, to, java.util.Optional.empty());
    ObjectNode doc = InsightJson.of(d, t);
    Schemas.assertValid("feedback.schema.json", doc);
    assertThat(doc.get("dmarc").get("sources").size()).isGreaterThan(5);
    assertThat(doc.get("tls").get("failures").size()).isEqualTo(3);
    var empty =
        new io.mxray.core.insight.DmarcInsightAnalyzer(dns, clock)
            .analyze("lab.example", List.of(), from, to);
    Schemas.assertValid(
        "feedback.schema.json",
        InsightJson.of(
            empty,
            io.mxray.core.insight.TlsInsightAnalyzer.analyze(
                "lab.example", List.of(), from, to, java.util.Optional.empty())));
    ObjectNode bad = doc.deepCopy();
    ((ObjectNode) bad.get("dmarc").get("sources").get(0)).put("category", "Aligned");
    Schemas.assertRejected("feedback.schema.json", bad, "category");
    assertThat(InsightJson.text(d, t, Ansi.OFF)).contains("not-ready", "198.51.100.7");
  }

  @Test
  void theNewFailingSourceWebhookBodyMatchesTheSchema() {
    ObjectNode body =
        FeedbackJson.alert(
            new io.mxray.core.feedback.FeedbackIngest.Alert(
                "lab.example",
                "203.0.113.50",
                30,
                "receiver.example",
                "insight-1",
                java.time.Instant.parse("2025-12-03T00:00:00Z")));
    Schemas.assertValid("feedback.schema.json", body);
    assertThat(body.get("type").asText()).isEqualTo("report-alert");
  }
}
