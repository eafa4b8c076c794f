package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

  private static final String DOC = "192.0.2.0/24,198.51.100.0/24,2001:db8::/32";

  private static List<String> zoneArgs() {
    List<String> a = new ArrayList<>();
    for (String z :
        List.of(
            "mx/good.zone",
            "mx/broken.zone",
            "mx/nullmx.zone",
            "mx/reverse.zone",
            "mx/reverse-198.zone",
            "mx/reverse-v6.zone")) {
      a.add("--zone-file");
      a.add(CliHarness.zone(z));
    }
    a.add("--assume-public");
    a.add(DOC);
    return a;
  }

  private static CliHarness.Run batch(String... args) {
    List<String> all = new ArrayList<>(List.of("batch"));
    all.addAll(List.of(args));
    all.addAll(zoneArgs());
    return CliHarness.run(all.toArray(String[]::new));
  }

  private static List<JsonNode> jsonl(String text) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.mapper().readTree(line));
      }
    }
    return out;
  }

  @Test
  void writesOneAuditJsonDocumentPerLineAndReportsBadNames(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(
        list,
        "# list\ngood.example\nbroken.example\n\nGOOD.example\nnot a domain\nnullmx.example\n");
    CliHarness.Run r = batch(list.toString(), "--concurrency", "2");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    List<JsonNode> docs = jsonl(r.out());
    assertThat(docs)
        .extracting(d -> d.get("domain").asText())
        .containsExactlyInAnyOrder("good.example", "broken.example", "nullmx.example");
    JsonNode good =
        docs.stream()
            .filter(d -> d.get("domain").asText().equals("good.example"))
            .findFirst()
            .orElseThrow();
    assertThat(good.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(good.get("type").asText()).isEqualTo("audit");
    // Nothing to fix on the well-run fixture: only informational notes (no DANE, no MTA-STS, …).
    assertThat(good.get("severity").asText()).isEqualTo("info");
    assertThat(r.err())
        .contains(":6: skipped:")
        .contains("3 audited")
        .contains("1 duplicates")
        .contains("1 bad lines");
    assertThat(r.err()).doesNotContain("\r"); // no progress bar when stderr is not a terminal
  }

  @Test
  void skipsBlocklistsAndDkimDiscoveryUnlessAskedFor(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "good.example\n");
    JsonNode plain = jsonl(batch(list.toString(), "--quiet").out()).get(0);
    List<String> ids = new ArrayList<>();
    plain.get("checks").forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).contains("mx", "spf", "dmarc", "dkim").doesNotContain("rbl");
    JsonNode dkim = check(plain, "dkim");
    assertThat(dkim.get("facts").get("discovery").asBoolean()).isFalse();
    assertThat(dkim.get("findings").get(0).get("code").asText()).isEqualTo("dkim.not-looked-up");

    JsonNode full =
        jsonl(batch(list.toString(), "--quiet", "--rbl", "--dkim-discovery").out()).get(0);
    assertThat(check(full, "rbl")).isNotNull();
    assertThat(check(full, "dkim").get("facts").get("discovery").asBoolean()).isTrue();
    assertThat(check(full, "dkim").get("facts").get("selectorsTried").size()).isGreaterThan(10);

    // --rbl-config replaces the bundled lists, as in mxray audit.
    Path conf = dir.resolve("lists.conf");
    Files.writeString(
        conf,
        "only | Only list | ip | only.test | yes | exact | 127.0.0.2=listed | | https://only.test\n");
    JsonNode own =
        jsonl(batch(list.toString(), "--quiet", "--rbl", "--rbl-config", conf.toString()).out())
            .get(0);
    assertThat(check(own, "rbl").toString()).contains("only.test").doesNotContain("spamhaus");

    JsonNode chosen = jsonl(batch(list.toString(), "--quiet", "--check", "mx,rbl").out()).get(0);
    List<String> chosenIds = new ArrayList<>();
    chosen.get("checks").forEach(c -> chosenIds.add(c.get("id").asText()));
    assertThat(chosenIds).containsExactly("mx", "rbl");
  }

  @Test
  void namesWhatIsWrongWithAnUnreadableList(@TempDir Path dir) {
    CliHarness.Run missing = batch(dir.resolve("nope.txt").toString());
    assertThat(missing.exitCode()).isEqualTo(64);
    assertThat(missing.err())
        .isEqualTo("mxray: cannot read " + dir.resolve("nope.txt") + ": no such file\n");
    CliHarness.Run directory = batch(dir.toString());
    assertThat(directory.err())
        .startsWith("mxray: cannot read " + dir + ": ")
        .doesNotEndWith(dir + "\n");
  }

  private static JsonNode check(JsonNode audit, String id) {
    for (JsonNode c : audit.get("checks")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    return null;
  }

  @Test
  void writesCsvWithAHeaderAndOneRowPerDomain(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "good.example\nnullmx.example\n");
    Path out = dir.resolve("out.csv");
    CliHarness.Run r = batch(list.toString(), "--format", "csv", "-o", out.toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isIn(0, 1, 2);
    assertThat(r.err()).isEmpty();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("domain,severity,");
    assertThat(lines.subList(1, 3))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("good.example,info,")
                    .contains("mx1.good.example mx2.good.example"));
  }

  @Test
  void resumeSkipsDomainsAlreadyInTheFileAndRepairsATornLine(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "good.example\nbroken.example\nnullmx.example\n");
    Path out = dir.resolve("out.jsonl");
    Path firstList = dir.resolve("first.txt");
    Files.writeString(firstList, "good.example\n");
    assertThat(batch(firstList.toString(), "-o", out.toString(), "-q").exitCode()).isZero();
    Files.writeString(
        out,
        Files.readString(out) + "{\"schemaVersion\":1,\"domain\":\"broken.ex",
        java.nio.charset.StandardCharsets.UTF_8);

    CliHarness.Run r = batch(list.toString(), "-o", out.toString(), "--resume");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("incomplete last line")
        .contains("2 audited")
        .contains("1 already done");
    assertThat(jsonl(Files.readString(out)))
        .extracting(d -> d.get("domain").asText())
        .containsExactlyInAnyOrder("good.example", "broken.example", "nullmx.example");
  }

  @Test
  void refusesToOverwriteAnExistingFileAndRejectsBadOptionsWith64(@TempDir Path dir)
      throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "good.example\n");
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "{}\n");
    for (String[] args :
        List.of(
            new String[] {"batch", list.toString(), "-o", out.toString()},
            new String[] {"batch", list.toString(), "--resume"},
            new String[] {"batch", list.toString(), "--concurrency", "0"},
            new String[] {"batch", list.toString(), "--qps", "-1"},
            new String[] {"batch", dir.resolve("missing.txt").toString()},
            new String[] {"batch", out.toString() + ".none"})) {
      CliHarness.Run r = CliHarness.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(64);
      assertThat(r.err()).startsWith("mxray: ").doesNotContain("\tat ");
    }
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "# nothing\n\n");
    assertThat(CliHarness.run("batch", empty.toString()).exitCode()).isEqualTo(64);
  }

  @Test
  void drawsTheProgressBarOnlyWhenAsked(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "good.example\n");
    CliHarness.Run r = batch(list.toString(), "--progress", "--qps", "1000");
    assertThat(r.err()).contains("\r[").contains("1/1");
  }
}
