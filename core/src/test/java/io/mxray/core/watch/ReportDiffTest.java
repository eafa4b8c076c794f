package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportDiffTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  private static AuditSnapshot snap(
      Severity sev, List<FindingKey> f, Map<String, String> records, Map<String, Instant> certs) {
    return new AuditSnapshot("a.example", T0, sev, f, records, certs);
  }

  @Test
  void reportsNewResolvedAndChangedFindingsAndRecordEdits() {
    AuditSnapshot before =
        snap(
            Severity.WARN,
            List.of(
                new FindingKey("mx.single", Severity.WARN, "a.example"),
                new FindingKey("ptr.missing", Severity.WARN, "192.0.2.1")),
            Map.of("mx", "10 mx1.a.example", "spf", "v=spf1 -all"),
            Map.of());
    AuditSnapshot after =
        snap(
            Severity.FAIL,
            List.of(
                new FindingKey("mx.single", Severity.FAIL, "a.example"),
                new FindingKey("spf.plus-all", Severity.FAIL, "a.example")),
            Map.of("mx", "10 mx2.a.example"),
            Map.of());
    AuditDiff d = ReportDiff.between(1, before, 2, after, T0, Duration.ofDays(21));
    assertThat(d.hasChanges()).isTrue();
    assertThat(d.added()).extracting(FindingKey::code).containsExactly("spf.plus-all");
    assertThat(d.resolved()).extracting(FindingKey::code).containsExactly("ptr.missing");
    assertThat(d.changed())
        .containsExactly(
            new AuditDiff.SeverityChange("mx.single", "a.example", Severity.WARN, Severity.FAIL));
    assertThat(d.records())
        .containsExactly(
            new AuditDiff.RecordChange("mx", "10 mx1.a.example", "10 mx2.a.example"),
            new AuditDiff.RecordChange("spf", "v=spf1 -all", ""));
    assertThat(d.severityFrom()).isEqualTo(Severity.WARN);
    assertThat(d.severityTo()).isEqualTo(Severity.FAIL);
  }

  @Test
  void findsNothingBetweenIdenticalAudits() {
    AuditSnapshot s =
        snap(
            Severity.PASS,
            List.of(new FindingKey("mx.ok", Severity.PASS, "a.example")),
            Map.of("mx", "10 mx1.a.example"),
            Map.of("mx1.a.example", T0.plus(Duration.ofDays(90))));
    assertThat(ReportDiff.between(1, s, 2, s, T0, Duration.ofDays(21)).hasChanges()).isFalse();
  }

  @Test
  void warnsAboutCertificatesExpiringWithinTheWindow() {
    AuditSnapshot s =
        snap(
            Severity.PASS,
            List.of(),
            Map.of(),
            Map.of(
                "mx1.a.example",
                T0.plus(Duration.ofDays(5)),
                "mx2.a.example",
                T0.plus(Duration.ofDays(60))));
    AuditDiff d = ReportDiff.between(1, s, 2, s, T0, Duration.ofDays(21));
    assertThat(d.expiring())
        .containsExactly(new AuditDiff.Expiry("mx1.a.example", T0.plus(Duration.ofDays(5)), 5));
    assertThat(d.hasChanges()).isTrue();
  }

  @Test
  void treatsEverythingAsAddedOnTheFirstAudit() {
    AuditSnapshot s =
        snap(
            Severity.WARN,
            List.of(new FindingKey("mx.single", Severity.WARN, "a.example")),
            Map.of("mx", "10 mx1.a.example"),
            Map.of());
    AuditDiff d = ReportDiff.between(0, null, 7, s, T0, Duration.ofDays(21));
    assertThat(d.fromId()).isZero();
    assertThat(d.added()).hasSize(1);
    assertThat(d.records())
        .containsExactly(new AuditDiff.RecordChange("mx", "", "10 mx1.a.example"));
  }
}
