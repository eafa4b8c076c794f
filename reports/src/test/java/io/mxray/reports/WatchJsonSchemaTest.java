package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.watch.AuditDiff;
import io.mxray.core.watch.AuditSnapshot;
import io.mxray.core.watch.ReportDiff;
import io.mxray.core.watch.StoredAudit;
import io.mxray.core.watch.WatchEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Validates the monitor's documents against docs/schema/watch.schema.json: the list and an added
 * entry, and the history and diff of two real audits of one fixture domain (the second with its MX
 * lookup timing out), diffed by the real ReportDiff.
 */
class WatchJsonSchemaTest {

  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static AuditSnapshot before;
  private static AuditSnapshot after;

  @BeforeAll
  static void auditTwice() throws Exception {
    ZoneFileDnsClient healthy = AuditJsonSchemaTest.dns();
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    try (Stream<Path> s =
        Files.list(Golden.repoRoot().resolve("core/src/test/resources/zones/mx"))) {
      s.filter(p -> p.toString().endsWith(".zone")).sorted().forEach(b::zoneFile);
    }
    ZoneFileDnsClient broken = b.fault("good.example", Type.MX, DnsStatus.TIMEOUT).build();
    before = AuditSnapshot.of(audit(healthy));
    after = AuditSnapshot.of(audit(broken));
  }

  @AfterAll
  static void stop() {
    EXECUTOR.shutdownNow();
  }

  private static AuditReport audit(ZoneFileDnsClient dns) {
    return new Auditor(Registry.auditChecks(), EXECUTOR, Clock.systemUTC())
        .audit(
            AuditRequest.of("good.example").withAssumePublic(AuditJsonSchemaTest.DOCUMENTATION),
            AuditJsonSchemaTest.ports(dns))
        .join();
  }

  static List<WatchEntry> entries() {
    return List.of(
        WatchEntry.create("good.example", Duration.ofHours(1), "", "", NOW),
        WatchEntry.create(
            "broken.example", Duration.ofMinutes(5), "https://hooks.example/mxray", "s3cret", NOW));
  }

  /** The second audit, plus a certificate seen by a probe that expires in five days. */
  static AuditDiff diff() {
    AuditSnapshot withCertificate =
        new AuditSnapshot(
            after.domain(),
            after.auditedAt(),
            after.severity(),
            after.findings(),
            after.records(),
            Map.of("mx1.good.example", NOW.plus(Duration.ofDays(5))));
    return ReportDiff.between(
        41, before, 42, withCertificate, NOW, ReportDiff.DEFAULT_EXPIRY_WARNING);
  }

  @Test
  void theListAndAnAddedEntryMatchTheSchema() {
    Schemas.assertValid("watch.schema.json", WatchJson.list(entries()));
    Schemas.assertValid("watch.schema.json", WatchJson.list(List.of()));
    ObjectNode added = WatchJson.added(entries().get(1));
    Schemas.assertValid("watch.schema.json", added);
    assertThat(added.get("signed").asBoolean()).isTrue();
    assertThat(added.toString()).doesNotContain("s3cret");
  }

  @Test
  void theHistoryOfRealAuditsMatchesTheSchema() {
    ObjectNode h =
        WatchJson.history(
            "good.example", List.of(new StoredAudit(42, after), new StoredAudit(41, before)));
    Schemas.assertValid("watch.schema.json", h);
    assertThat(h.get("audits").get(1).get("records").has("mx")).isTrue();
  }

  @Test
  void theDiffOfRealAuditsMatchesTheSchema() {
    ObjectNode d = WatchJson.diff(diff());
    Schemas.assertValid("watch.schema.json", d);
    assertThat(d.get("changed").asBoolean()).isTrue();
    assertThat(d.get("added")).isNotEmpty();
    assertThat(d.get("resolved")).isNotEmpty();
    assertThat(d.get("records")).isNotEmpty();
    assertThat(d.get("certificatesExpiring").get(0).get("daysLeft").asInt()).isEqualTo(5);
    Schemas.assertValid(
        "watch.schema.json",
        WatchJson.diff(
            ReportDiff.between(0, null, 1, before, NOW, ReportDiff.DEFAULT_EXPIRY_WARNING)));
  }

  @Test
  void rejectsWatchDocumentsThatBreakTheContract() {
    ObjectNode secret = WatchJson.added(entries().get(1));
    secret.put("secret", "s3cret");
    Schemas.assertRejected("watch.schema.json", secret, "secret");

    ObjectNode every = WatchJson.list(entries());
    ((ObjectNode) every.get("watches").get(0)).put("everySeconds", "1h");
    Schemas.assertRejected("watch.schema.json", every, "$.watches[0].everySeconds");

    ObjectNode counts = WatchJson.history("good.example", List.of(new StoredAudit(41, before)));
    ((ObjectNode) counts.get("audits").get(0).get("findings")).remove("inconclusive");
    Schemas.assertRejected("watch.schema.json", counts, "inconclusive");

    ObjectNode diff = WatchJson.diff(diff());
    diff.put("severityTo", "critical");
    Schemas.assertRejected("watch.schema.json", diff, "$.severityTo");
  }
}
