package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MxCommandTest {

  private static final String DOC = "192.0.2.0/24,198.51.100.0/24,2001:db8::/32";

  private static List<String> codes(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> out.add(f.get("code").asText())));
    return out;
  }

  @Test
  void auditsAZoneFileAndPrintsTheDocumentedJson() {
    CliHarness.Run r =
        CliHarness.run(
            "mx",
            "good.example",
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse-198.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse-v6.zone"),
            "--assume-public",
            DOC,
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode json = r.json();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("domain").asText()).isEqualTo("good.example");
    assertThat(json.get("severity").asText()).isEqualTo("pass");
    assertThat(json.get("checks"))
        .extracting(c -> c.get("id").asText())
        .containsExactly("mx", "ptr", "ns");
    assertThat(codes(json)).containsExactlyInAnyOrder("mx.ok", "ptr.ok", "ns.ok");
    JsonNode finding = json.get("checks").get(0).get("findings").get(0);
    assertThat(finding.fieldNames())
        .toIterable()
        .contains("code", "severity", "subject", "message", "remediation", "rfc");
    assertThat(json.get("dnsQueries").get(0).fieldNames())
        .toIterable()
        .contains("name", "type", "status", "ms");
    assertThat(json.get("durationMs").isNumber()).isTrue();
    assertThat(json.get("checks").get(0).get("facts").get("mx").get(0).get("host").asText())
        .isEqualTo("mx1.good.example");
  }

  @Test
  void exitsWithTwoOnFailuresAndOneOnWarnings() {
    assertThat(
            CliHarness.run(
                    "mx",
                    "broken.example",
                    "--zone-file",
                    CliHarness.zone("mx/broken.zone"),
                    "--zone-file",
                    CliHarness.zone("mx/good.zone"),
                    "--assume-public",
                    DOC)
                .exitCode())
        .isEqualTo(2);
    assertThat(
            CliHarness.run(
                    "mx",
                    "implicit.example",
                    "--zone-file",
                    CliHarness.zone("mx/implicit.zone"),
                    "--zone-file",
                    CliHarness.zone("mx/good.zone"),
                    "--check",
                    "mx")
                .exitCode())
        .isEqualTo(1);
  }

  @Test
  void exitsWithThreeWhenNothingCouldBeTold() {
    CliHarness.Run r =
        CliHarness.run(
            "mx",
            "nowhere.example",
            "--resolver",
            "127.0.0.1:9",
            "--timeout",
            "300ms",
            "--retries",
            "0",
            "--check",
            "mx",
            "--format",
            "json");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(codes(r.json())).containsExactly("dns.timeout");
  }

  @Test
  void printsTextWorstFirstWithoutColourWhenNotATerminal() {
    CliHarness.Run r =
        CliHarness.run(
            "mx",
            "broken.example",
            "--zone-file",
            CliHarness.zone("mx/broken.zone"),
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--assume-public",
            DOC,
            "--check",
            "mx");
    assertThat(r.out()).startsWith("mxray audit broken.example — FAIL");
    assertThat(r.out().indexOf("FAIL   mx.")).isLessThan(r.out().indexOf("WARN   mx."));
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void writesToAnOutputFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report.json");
    CliHarness.Run r =
        CliHarness.run(
            "audit",
            "nullmx.example",
            "--zone-file",
            CliHarness.zone("mx/nullmx.zone"),
            "--format",
            "json",
            "--output",
            out.toString());
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out)).contains("\"mx.null\"");
  }

  @Test
  void rejectsBadInputWithOneLineAndExit64() {
    for (String[] args :
        List.of(
            new String[] {"mx", "192.0.2.1"},
            new String[] {"mx", "exa mple.com"},
            new String[] {"mx", "a".repeat(300) + ".example"},
            new String[] {"mx", "good.example", "--zone-file", "/nonexistent/zone"},
            new String[] {"mx", "good.example", "--resolver", "not-an-ip"},
            new String[] {"mx", "good.example", "--timeout", "soon"},
            new String[] {"mx", "good.example", "--format", "yaml"},
            new String[] {"mx", "good.example", "--check", "nosuch"},
            new String[] {"frobnicate"},
            new String[] {"mx"})) {
      CliHarness.Run r = CliHarness.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(64);
      assertThat(r.err())
          .as(String.join(" ", args))
          .startsWith("mxray: ")
          .doesNotContain("\tat ")
          .doesNotContain("Exception");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void convertsIdnInputToALabels() {
    CliHarness.Run r =
        CliHarness.run(
            "mx",
            "例え.jp",
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--format",
            "json",
            "--check",
            "mx");
    assertThat(r.json().get("domain").asText()).isEqualTo("xn--r8jz45g.jp");
  }

  @Test
  void documentsExitCodesAndOptionsInHelp() {
    CliHarness.Run r = CliHarness.run("mx", "--help");
    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.out())
        .contains("--zone-file", "--resolver", "--timeout", "--format", "Exit codes:", "64");
    assertThat(CliHarness.run("--version").out()).startsWith("mxray ");
  }

  @Test
  void listsTheFindingCatalogue() {
    CliHarness.Run r = CliHarness.run("codes", "--format", "json");
    assertThat(r.json().get("codes"))
        .extracting(c -> c.get("code").asText())
        .contains("mx.null", "ns.lame", "dns.timeout");
  }
}
