package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Ports;
import io.mxray.core.batch.BatchRunner;
import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Validates real audit output (every core MX fixture zone, through the real Auditor, and as batch
 * JSONL lines through the real BatchRunner) against docs/schema/audit.schema.json.
 */
class AuditJsonSchemaTest {

  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

  @AfterAll
  static void stop() {
    EXECUTOR.shutdownNow();
  }

  static final List<Cidr> DOCUMENTATION =
      List.of(
          Cidr.parse("192.0.2.0/24"),
          Cidr.parse("198.51.100.0/24"),
          Cidr.parse("203.0.113.0/24"),
          Cidr.parse("2001:db8::/32"));

  /** Every zone of core's MX fixtures in one client. */
  static ZoneFileDnsClient dns() throws IOException {
    Path dir = Golden.repoRoot().resolve("core/src/test/resources/zones/mx");
    List<Path> zones;
    try (Stream<Path> s = Files.list(dir)) {
      zones = s.filter(p -> p.toString().endsWith(".zone")).sorted().toList();
    }
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    zones.forEach(b::zoneFile);
    return b.build();
  }

  static Ports ports(ZoneFileDnsClient dns) {
    return new Ports(
        dns,
        (a, t) -> {
          throw new AssertionError("no sockets in schema tests: " + a);
        },
        (u, t, m) ->
            HttpsResult.failure(HttpsResult.Outcome.REFUSED_TARGET, "no HTTPS in schema tests"));
  }

  static List<String> domains(ZoneFileDnsClient dns) {
    return dns.zones().stream().filter(z -> !z.endsWith(".arpa")).toList();
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureAuditMatchesThePublishedSchema() throws IOException {
    ZoneFileDnsClient dns = dns();
    Ports ports = ports(dns);
    Auditor auditor = new Auditor(Registry.auditChecks(), EXECUTOR, Clock.systemUTC());
    return domains(dns).stream()
        .map(
            zone ->
                DynamicTest.dynamicTest(
                    zone,
                    () -> {
                      AuditRequest req = AuditRequest.of(zone).withAssumePublic(DOCUMENTATION);
                      AuditReport report = auditor.audit(req, ports).join();
                      Schemas.assertValid("audit.schema.json", AuditJson.of(report));
                    }));
  }

  @Test
  void everyBatchLineIsAnAuditDocument() throws Exception {
    // mxray batch --format jsonl: the real BatchRunner, lines as AuditJson.line renders them, read
    // back.
    ZoneFileDnsClient dns = dns();
    List<DomainName> domains = domains(dns).stream().map(DomainName::parse).toList();
    StringBuilder out = new StringBuilder();
    StringBuilder treeForm = new StringBuilder();
    new BatchRunner(Registry.auditChecks(), ports(dns), Clock.systemUTC(), 4)
        .run(
            domains,
            d -> AuditRequest.of(d.ascii()).withAssumePublic(DOCUMENTATION),
            AuditJson::line,
            (r, line) -> {
              out.append(line);
              treeForm.append(Json.compact(AuditJson.of(r))).append('\n');
            });
    // The line writes facts straight from the values; it must read exactly like the tree form.
    assertThat(out.toString()).isEqualTo(treeForm.toString());
    List<String> lines = out.toString().lines().toList();
    assertThat(lines)
        .hasSize(domains.size())
        .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    for (String line : lines) {
      Schemas.assertValid("audit.schema.json", Json.mapper().readTree(line));
    }
  }

  @Test
  void rejectsDocumentsThatBreakTheContract() throws IOException {
    ZoneFileDnsClient dns = dns();
    AuditReport report =
        new Auditor(Registry.auditChecks(), EXECUTOR, Clock.systemUTC())
            .audit(AuditRequest.of("good.example").withAssumePublic(DOCUMENTATION), ports(dns))
            .join();
    ObjectNode good = AuditJson.of(report);
    Schemas.assertValid("audit.schema.json", good);

    ObjectNode future = good.deepCopy();
    future.put("schemaVersion", 2);
    Schemas.assertRejected("audit.schema.json", future, "$.schemaVersion");

    ObjectNode upper = good.deepCopy();
    upper.put("severity", "WARN");
    Schemas.assertRejected("audit.schema.json", upper, "$.severity");

    ObjectNode badFinding = good.deepCopy();
    ObjectNode finding = (ObjectNode) badFinding.get("checks").get(0).get("findings").get(0);
    finding.remove("remediation");
    Schemas.assertRejected("audit.schema.json", badFinding, "remediation");

    ObjectNode badStatus = good.deepCopy();
    ((ObjectNode) badStatus.get("dnsQueries").get(0)).put("status", "NOTIMP");
    Schemas.assertRejected("audit.schema.json", badStatus, "$.dnsQueries[0].status");

    ObjectNode extra = good.deepCopy();
    extra.put("grade", "A");
    Schemas.assertRejected("audit.schema.json", extra, "grade");
  }
}
