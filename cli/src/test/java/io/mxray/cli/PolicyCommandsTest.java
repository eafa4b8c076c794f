package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCommandsTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static String zone() {
    try {
      return Path.of(PolicyCommandsTest.class.getResource("/zones/policy.example.zone").toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--zone-file",
            zone(),
            "--assume-public",
            "192.0.2.0/24,198.51.100.0/24,2001:db8::/32",
            "-f",
            "json"));
    return Main.commandLine(new PrintWriter(out), new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }

  private JsonNode json() throws Exception {
    return Json.mapper().readTree(out.toString());
  }

  private static List<String> codes(JsonNode doc) {
    List<String> codes = new ArrayList<>();
    doc.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> codes.add(f.get("code").asText())));
    return codes;
  }

  @Test
  void dmarcReportsThePolicyAndTheUnauthorizedExternalReportAddress() throws Exception {
    int code = run("dmarc", "policy.example");
    JsonNode doc = json();
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("checks")).hasSize(1);
    JsonNode check = doc.get("checks").get(0);
    assertThat(check.get("id").asText()).isEqualTo("dmarc");
    assertThat(check.get("facts").get("foundAt").asText()).isEqualTo("_dmarc.policy.example");
    assertThat(codes(doc)).contains("dmarc.rua-unauthorized").doesNotContain("dmarc.missing");
    assertThat(code).isEqualTo(ExitCodes.WARN);
  }

  @Test
  void dmarcTreeWalkOptionIsAccepted() throws Exception {
    run("dmarc", "--tree-walk", "sub.policy.example");
    JsonNode check = json().get("checks").get(0);
    assertThat(check.get("facts").get("discovery").asText()).isEqualTo("tree-walk");
    assertThat(codes(json())).contains("dmarc.inherited");
  }

  @Test
  void dkimFindsTheGivenSelectorAndRatesTheCommonOne() throws Exception {
    int code = run("dkim", "policy.example", "--selector", "mx2026");
    JsonNode check = json().get("checks").get(0);
    assertThat(check.get("facts").get("selectorsTried").get(0).asText()).isEqualTo("mx2026");
    assertThat(check.get("facts").get("selectorsFound")).hasSize(2);
    assertThat(codes(json())).contains("dkim.key-weak");
    assertThat(code).isEqualTo(ExitCodes.WARN);
  }

  @Test
  void mtaStsCommandRunsMtaStsAndTlsRpt() throws Exception {
    int code = run("mta-sts", "policy.example");
    assertThat(codes(json())).containsExactlyInAnyOrder("mtasts.missing", "tlsrpt.ok");
    assertThat(code).isEqualTo(ExitCodes.OK);
  }

  @Test
  void auditRunsEveryPolicyCheckWithTheDkimSelectorOption() throws Exception {
    run("audit", "policy.example", "--dkim-selector", "mx2026");
    JsonNode doc = json();
    List<String> ids = new ArrayList<>();
    doc.get("checks").forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).contains("dmarc", "dkim", "mta-sts", "tls-rpt", "bimi", "dnssec");
    assertThat(codes(doc))
        .contains(
            "mx.ok",
            "dmarc.rua-unauthorized",
            "dkim.key-weak",
            "mtasts.missing",
            "tlsrpt.ok",
            "bimi.missing",
            "dnssec.unsigned");
  }

  @Test
  void aBadDomainIsAUsageError() {
    assertThat(run("dmarc", "not a domain")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("mxray: ");
  }

  @Test
  void anUnreadableTrustAnchorIsAUsageError() {
    int code =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute(
                "audit",
                "policy.example",
                "--check",
                "dnssec",
                "--resolver",
                "127.0.0.1:9",
                "--trust-anchor",
                "/nonexistent/anchors.txt");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--trust-anchor");
  }
}
