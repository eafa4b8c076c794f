package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DMARC, DKIM keys and TLS-RPT of the lab domain, read over real DNS from the lab's Knot. */
class LabPolicyIT {

  private static List<String> codes(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> out.add(f.get("code").asText())));
    return out;
  }

  private static CliHarness.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--resolver",
            Lab.require("LAB_DNS"),
            "--timeout",
            "1s",
            "--retries",
            "0",
            "--assume-public",
            "127.0.0.0/8,::1/128",
            "--format",
            "json"));
    return CliHarness.run(all.toArray(String[]::new));
  }

  @Test
  void findsTheEnforcedDmarcPolicy() {
    CliHarness.Run r = run("dmarc", "lab.example");
    assertThat(codes(r.json()))
        .contains("dmarc.ok")
        .doesNotContain("dmarc.missing", "dmarc.lookup-timeout");
  }

  @Test
  void findsTheDkimKeyOfTheGivenSelector() {
    CliHarness.Run r = run("dkim", "lab.example", "--selector", "lab2026");
    assertThat(codes(r.json()))
        .contains("dkim.ok")
        .doesNotContain("dkim.none-found", "dkim.key-weak");
  }

  @Test
  void auditsPolicyRecordsWithoutProbing() {
    CliHarness.Run r = run("audit", "lab.example", "--no-probe", "--check", "dmarc,tls-rpt,spf");
    assertThat(codes(r.json()))
        .contains("dmarc.ok", "spf.ok")
        .doesNotContain("tlsrpt.missing", "tlsrpt.invalid");
  }
}
