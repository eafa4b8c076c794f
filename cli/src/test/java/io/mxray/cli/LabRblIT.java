package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocklist checks against a fake DNSBL zone served by the lab's real Knot. */
class LabRblIT {

  private static List<String> codes(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> out.add(f.get("code").asText())));
    return out;
  }

  private static CliHarness.Run rbl(String target) {
    return CliHarness.run(
        "rbl",
        target,
        "--resolver",
        Lab.require("LAB_DNS"),
        "--timeout",
        "1s",
        "--retries",
        "0",
        "--rbl-config",
        CliHarness.repoRoot().resolve("lab/rbl.conf").toString(),
        "--assume-public",
        "127.0.0.0/8,::1/128",
        "--format",
        "json");
  }

  @Test
  void findsTheListedLabAddress() {
    CliHarness.Run r = rbl("127.0.0.11");
    assertThat(codes(r.json())).containsExactly("rbl.listed");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void reportsTheRefusalCodeAsInconclusive() {
    CliHarness.Run r = rbl("127.0.0.12");
    assertThat(codes(r.json())).containsExactly("rbl.query-refused");
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void checksEveryMxOfALabDomain() {
    CliHarness.Run r = rbl("lab.example");
    assertThat(codes(r.json())).contains("rbl.listed");
    assertThat(r.json().get("checks").get(0).get("findings").get(0).get("subject").asText())
        .isEqualTo("127.0.0.11");
  }
}
