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
}
