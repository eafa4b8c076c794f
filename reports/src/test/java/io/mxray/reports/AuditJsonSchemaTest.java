package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Validates real audit output (every core fixture zone, through the real Auditor) against the published schema. */
class AuditJsonSchemaTest {

  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

  @AfterAll
  static void stop() {
    EXECUTOR.shutdownNow();
  }

  static JsonSchema schema() throws IOException {
    String text = Files.readString(Golden.repoRoot().resolve("docs/schema/audit.schema.json"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureAuditMatchesThePublishedSchema() throws IOException {
    Path dir = Golden.repoRoot().resolve("core/src/test/resources/zones/mx");
    List<Path> zones;
    try (Stream<Path> s = Files.list(dir)) {
      zones = s.filter(p -> p.toString().endsWith(".zone")).sorted().toList();
    }
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    zones.forEach(b::zoneFile);
    ZoneFileDnsClient dns = b.build();
    JsonSchema schema = schema();
    Ports ports = new Ports(dns, (a, t) -> {
      throw new AssertionError("no sockets in schema tests: " + a);
    }, (u, t, m) -> HttpsResult.failure(HttpsResult.Outcome.REFUSED_TARGET, "no HTTPS in schema tests"));
    Auditor auditor = new Auditor(Registry.auditChecks(), EXECUTOR, Clock.systemUTC());
    return dns.zones().stream().filter(z -> !z.endsWith(".arpa")).map(zone -> DynamicTest.dynamicTest(zone, () -> {
      AuditRequest req = AuditRequest.of(zone).withAssumePublic(List.of(Cidr.parse("192.0.2.0/24"),
          Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::/32")));
      AuditReport report = auditor.audit(req, ports).join();
      JsonNode json = Json.tree(AuditJson.of(report));
      Set<ValidationMessage> errors = schema.validate(json);
      assertThat(errors).as("schema violations for %s", zone).isEmpty();
    }));
  }

  @Test
  void rejectsDocumentsThatBreakTheContract() throws IOException {
    ObjectNode bad = Json.object();
    bad.put("schemaVersion", 2);
    bad.put("type", "audit");
    bad.put("domain", "example.com");
    bad.put("severity", "WARN");
    assertThat(schema().validate(bad)).isNotEmpty();
  }
}
