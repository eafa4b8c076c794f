package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpfCommandTest {

  private static final String ZONE =
      """
      $ORIGIN cli.example.
      $TTL 300
      @        IN SOA ns1.cli.example. hostmaster.cli.example. 1 7200 3600 1209600 300
      @        IN NS  ns1.cli.example.
      ns1      IN A   192.0.2.53
      good     IN MX  10 mx.good
      good     IN TXT "v=spf1 mx include:_spf.provider.cli.example -all"
      mx.good  IN A   192.0.2.25
      _spf.provider IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
      soft     IN TXT "v=spf1 ~all"
      neutral  IN TXT "v=spf1 ?all"
      perm     IN TXT "v=spf1 include:nowhere.cli.example -all"
      exp      IN TXT "v=spf1 -all exp=why.exp.cli.example"
      why.exp  IN TXT "%{i} may not send for %{d}"
      ctl      IN TXT "v=spf1 a:bad\\007name.example -all"
      """;

  @TempDir Path dir;
  private Path zone;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeZone() throws Exception {
    zone = dir.resolve("cli.zone");
    Files.writeString(zone, ZONE);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--zone-file");
    all.add(zone.toString());
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all.toArray(String[]::new));
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void evaluatesCheckHostAndPrintsTheJsonContract() throws Exception {
    int code =
        run(
            "spf",
            "good.cli.example",
            "--ip",
            "198.51.100.9",
            "--sender",
            "a@good.cli.example",
            "-f",
            "json");
    assertThat(code).isEqualTo(0);
    JsonNode j = json();
    assertThat(j.get("result").asText()).isEqualTo("pass");
    assertThat(j.get("mechanism").asText()).isEqualTo("include:_spf.provider.cli.example");
    assertThat(j.get("explanation").isNull()).isTrue();
    assertThat(j.get("lookups").asInt()).isEqualTo(2);
    assertThat(j.get("voidLookups").asInt()).isEqualTo(0);
    assertThat(j.get("trace").get("steps").get(1).get("child").get("domain").asText())
        .isEqualTo("_spf.provider.cli.example");
    assertThat(j.get("findings").isArray()).isTrue();
  }

  @Test
  void mapsResultsToExitCodes() {
    assertThat(run("spf", "good.cli.example", "--ip", "203.0.113.1")).isEqualTo(2);
    assertThat(run("spf", "soft.cli.example", "--ip", "203.0.113.1")).isEqualTo(2);
    assertThat(run("spf", "neutral.cli.example", "--ip", "203.0.113.1")).isEqualTo(1);
    assertThat(run("spf", "nothing.cli.example", "--ip", "203.0.113.1")).isEqualTo(1);
    assertThat(run("spf", "perm.cli.example", "--ip", "203.0.113.1")).isEqualTo(2);
  }

  @Test
  void temperrorExitsThree() throws Exception {
    // A zone file cannot time out, but a CNAME loop answers SERVFAIL: the same "could not tell"
    // path.
    Files.writeString(
        zone,
        ZONE + "loop IN CNAME loop\nlooping IN TXT \"v=spf1 include:loop.cli.example -all\"\n");
    assertThat(run("spf", "looping.cli.example", "--ip", "203.0.113.1", "-f", "json")).isEqualTo(3);
    assertThat(json().get("result").asText()).isEqualTo("temperror");
    assertThat(json().get("findings").get(0).get("code").asText()).isEqualTo("spf.lookup-timeout");
  }

  @Test
  void derivesTheDomainFromTheSenderOrTheHelo() throws Exception {
    assertThat(run("spf", "--ip", "192.0.2.25", "--sender", "user@good.cli.example", "-f", "json"))
        .isEqualTo(0);
    assertThat(json().get("domain").asText()).isEqualTo("good.cli.example");
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "spf",
                "--ip",
                "192.0.2.25",
                "--sender",
                "",
                "--helo",
                "good.cli.example",
                "-f",
                "json"))
        .isEqualTo(0);
    assertThat(json().get("sender").asText()).isEqualTo("postmaster@good.cli.example");
  }

  @Test
  void aMalformedDerivedDomainIsNoneNotAUsageError() throws Exception {
    assertThat(run("spf", "--ip", "192.0.2.25", "--sender", "user@bad..example", "-f", "json"))
        .isEqualTo(1);
    assertThat(json().get("result").asText()).isEqualTo("none");
    out.getBuffer().setLength(0);
    assertThat(run("spf", "--ip", "192.0.2.25", "--sender", "no-at-sign", "-f", "json"))
        .isEqualTo(1);
    assertThat(json().get("result").asText()).isEqualTo("none");
  }

  @Test
  void expandsTheExplanationOfAFail() throws Exception {
    assertThat(run("spf", "exp.cli.example", "--ip", "203.0.113.7", "-f", "json")).isEqualTo(2);
    assertThat(json().get("explanation").asText())
        .isEqualTo("203.0.113.7 may not send for exp.cli.example");
  }

  @Test
  void badInputIsAOneLineUsageError() {
    assertThat(run("spf", "good.cli.example", "--ip", "300.1.2.3")).isEqualTo(64);
    assertThat(err.toString())
        .contains("--ip '300.1.2.3' is not an IPv4 or IPv6 address")
        .doesNotContain("Exception");
    assertThat(run("spf", "--sender", "a@b.example")).isEqualTo(64);
    assertThat(run("spf", "--ip", "192.0.2.1")).isEqualTo(64);
  }

  @Test
  void auditsTheRecordAndPrintsTheTree() throws Exception {
    assertThat(run("spf", "good.cli.example")).isEqualTo(0);
    assertThat(out.toString())
        .contains("good.cli.example  [2 lookups]")
        .contains("└── include:_spf.provider.cli.example")
        .contains("spf.ok");
    out.getBuffer().setLength(0);
    assertThat(run("spf", "perm.cli.example", "-f", "json")).isEqualTo(2);
    JsonNode j = json();
    assertThat(j.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(j.get("tree").get("children").get(0).get("problem").asText())
        .isEqualTo("spf.include-missing");
  }

  @Test
  void controlCharactersInARecordAreASyntaxFindingNotACrash() throws Exception {
    assertThat(run("spf", "ctl.cli.example", "-f", "json")).isEqualTo(2);
    assertThat(json().get("findings").get(0).get("code").asText()).isEqualTo("spf.syntax");
  }

  @Test
  void lintsADraftRecordSplitIntoQuotedStrings() throws Exception {
    String draft = "\"v=spf1 ip4:192.0.2.0/24 \" \"include:_spf.provider.cli.example +all\"";
    assertThat(run("spf", "draft.cli.example", "--record", draft, "-f", "json")).isEqualTo(2);
    assertThat(json().get("findings").get(0).get("code").asText()).isEqualTo("spf.all-pass");
  }

  @Test
  void theAuditIncludesTheSpfCheck() throws Exception {
    run("audit", "good.cli.example", "--check", "spf", "-f", "json");
    assertThat(out.toString()).contains("\"spf.ok\"");
  }
}
