package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI against a real authoritative server (Knot) on loopback, started by scripts/lab.sh. */
class LabDnsIT {

  private static List<String> codes(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> out.add(f.get("code").asText())));
    return out;
  }

  private static CliHarness.Run mx(String domain) {
    String server = Lab.require("LAB_DNS");
    String port = Lab.require("LAB_DNS_PORT");
    return CliHarness.run(
        "mx",
        domain,
        "--resolver",
        server,
        "--ns-port",
        port,
        "--timeout",
        "1s",
        "--retries",
        "0",
        "--assume-public",
        "127.0.0.0/8,::1/128",
        "--format",
        "json");
  }

  @Test
  void passesTheWellRunLabDomainOverRealDns() {
    CliHarness.Run r = mx("lab.example");
    JsonNode json = r.json();
    assertThat(codes(json))
        .contains("mx.ok", "ptr.ok", "ns.ok")
        .doesNotContain("dns.timeout", "dns.servfail", "ns.lame");
    assertThat(json.get("dnsQueries").size()).isGreaterThan(5);
    assertThat(r.exitCode()).isEqualTo(0);
  }

  @Test
  void findsEveryFaultOfTheBrokenLabDomain() {
    CliHarness.Run r = mx("broken.example");
    assertThat(codes(r.json()))
        .contains(
            "mx.cname",
            "mx.no-address",
            "mx.duplicate",
            "mx.private-address",
            "ns.lame",
            "ns.unreachable");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void reportsNullMxOverRealDns() {
    assertThat(codes(mx("nullmx.example").json())).contains("mx.null");
  }

  @Test
  void reportsNxdomainForANameTheServerKnowsIsAbsent() {
    assertThat(codes(mx("nothing.lab.example").json())).contains("mx.nxdomain");
  }
}
