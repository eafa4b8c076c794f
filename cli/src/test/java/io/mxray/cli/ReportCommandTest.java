package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  static final Path FIXTURES = CliHarness.repoRoot().resolve("core/src/test/resources/feedback");

  static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  @Test
  void printsAnAggregateReportAsJsonWithTheDocumentedMembers() throws Exception {
    CliHarness.Run r = CliHarness.run("report", "-f", "jsonl", fixture("rfc7489.xml"));
    assertThat(r.exitCode()).isZero();
    JsonNode d = Json.mapper().readTree(r.out());
    assertThat(d.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(d.get("type").asText()).isEqualTo("dmarc-aggregate");
    assertThat(d.get("orgName").asText()).isEqualTo("receiver.example");
    assertThat(d.get("reportId").asText()).isEqualTo("16058737193711426787");
    assertThat(d.get("policyDomain").asText()).isEqualTo("lab.example");
    assertThat(d.get("dateRange").get("begin").asText()).isEqualTo("2025-12-01T00:00:00Z");
    assertThat(d.get("messages").asLong()).isEqualTo(100);
    JsonNode rec = d.get("records").get(1);
    assertThat(rec.get("sourceIp").asText()).isEqualTo("198.51.100.7");
    assertThat(rec.get("count").asLong()).isEqualTo(4);
    assertThat(rec.get("disposition").asText()).isEqualTo("none");
    assertThat(rec.get("headerFrom").asText()).isEqualTo("lab.example");
    assertThat(rec.get("dmarc").asText()).isEqualTo("fail");
    assertThat(rec.get("authResults").get("dkim").get(0).get("domain").asText())
        .isEqualTo("vendor.example");
  }

  @Test
  void readsADirectoryIntoOneListDocumentAndExitsWithTheWorstSeverity() throws Exception {
    CliHarness.Run r = CliHarness.run("report", "-f", "json", FIXTURES.toString());
    assertThat(r.exitCode()).isEqualTo(2); // the XXE fixture is refused: FAIL
    JsonNode d = Json.mapper().readTree(r.out());
    assertThat(d.get("type").asText()).isEqualTo("feedback-reports");
    assertThat(d.get("reports").size()).isGreaterThanOrEqualTo(9);
    assertThat(r.out()).contains("\"tlsrpt\"", "\"dmarc-failure\"", "feedback.xml-dtd");
  }

  @Test
  void rendersTlsReportsAsTextAndFailureReportsAsHtml() {
    CliHarness.Run t = CliHarness.run("report", fixture("tlsrpt.json"));
    assertThat(t.out()).contains("tlsrpt from Sender Company Example", "certificate-expired × 100");
    CliHarness.Run h = CliHarness.run("report", "-f", "html", fixture("arf.eml"));
    assertThat(h.exitCode()).isZero();
    assertThat(h.out()).startsWith("<!DOCTYPE html>").doesNotContain("<script");
  }

  @Test
  void importsDeduplicatesListsAndShowsStoredReports(@TempDir Path dir) throws Exception {
    String data = dir.toString();
    CliHarness.Run first =
        CliHarness.run(
            "report", "import", "--data-dir", data, fixture("rfc7489.xml"), fixture("tlsrpt.json"));
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("stored as #1", "stored as #2");
    CliHarness.Run again =
        CliHarness.run(
            "report", "import", "--data-dir", data, "-f", "jsonl", fixture("rfc7489.xml"));
    assertThat(Json.mapper().readTree(again.out()).get("stored").get("duplicate").asBoolean())
        .isTrue();
    CliHarness.Run list =
        CliHarness.run("report", "list", "--data-dir", data, "--days", "100000", "--json");
    JsonNode l = Json.mapper().readTree(list.out());
    assertThat(l.get("type").asText()).isEqualTo("feedback-stored");
    assertThat(l.get("reports").size()).isEqualTo(2);
    CliHarness.Run show = CliHarness.run("report", "show", "--data-dir", data, "1");
    assertThat(show.out()).contains("16058737193711426787");
    assertThat(CliHarness.run("report", "show", "--data-dir", data, "99").exitCode()).isEqualTo(64);
  }

  @Test
  void saysClearlyWhenAnInputIsMissingOrNoReport(@TempDir Path dir) throws Exception {
    CliHarness.Run r = CliHarness.run("report", dir.resolve("nope.xml").toString());
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).contains("no such file");
    Path junk = Files.writeString(dir.resolve("junk.txt"), "hello");
    CliHarness.Run j = CliHarness.run("report", junk.toString());
    assertThat(j.exitCode()).isEqualTo(2);
    assertThat(j.out()).contains("feedback.not-a-report");
    assertThat(CliHarness.run("report").exitCode()).isEqualTo(64);
  }

  @Test
  void insightNamesTheFailingSourcesOfAFixtureDomain(@TempDir Path dir) throws Exception {
    String data = dir.toString();
    CliHarness.run(
        "report", "import", "--data-dir", data, fixture("insight.xml"), fixture("tlsrpt.json"));
    Path zones = CliHarness.repoRoot().resolve("core/src/test/resources/zones/insight");
    CliHarness.Run r =
        CliHarness.run(
            "report",
            "insight",
            "lab.example",
            "--data-dir",
            data,
            "--days",
            "3000",
            "-f",
            "json",
            "--zone-file",
            zones.resolve("lab.zone").toString(),
            "--zone-file",
            zones.resolve("vendor.zone").toString(),
            "--zone-file",
            zones.resolve("reverse.zone").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode d = Json.mapper().readTree(r.out());
    assertThat(d.get("type").asText()).isEqualTo("dmarc-insight");
    assertThat(d.get("verdict").asText()).isEqualTo("not-ready");
    assertThat(d.get("dmarc").get("blocking").toString())
        .contains("198.51.100.7", "203.0.113.50", "203.0.113.80");
    assertThat(d.get("tls").get("failedSessions").asLong()).isEqualTo(303);
  }
}
