package io.mxray.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.ReportFixtures;
import io.mxray.core.feedback.TlsReport;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.insight.TlsInsight.Live;
import io.mxray.core.insight.TlsInsight.Row;
import io.mxray.core.probe.ProbeCodes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsInsightAnalyzerTest {

  static final Instant FROM = Instant.parse("2025-11-01T00:00:00Z");
  static final Instant TO = Instant.parse("2025-12-03T00:00:00Z");

  static TlsReport report() {
    return (TlsReport)
        new FeedbackReader().read("t", ReportFixtures.bytes("tlsrpt.json")).reports().get(0);
  }

  static AuditReport audit(CheckResult... checks) {
    return new AuditReport(
        "lab.example", Severity.FAIL, List.of(checks), List.of(), Instant.EPOCH, 0);
  }

  @Test
  void confirmsAReportedFailureWithTheLiveProbeOfTheSameMx() {
    CheckResult smtp =
        CheckResult.builder(CheckId.of("smtp"), "SMTP")
            .add(Finding.of(ProbeCodes.TLS_CERT_EXPIRED, "mx1.lab.example", "expired"))
            .add(Finding.of(ProbeCodes.SMTP_OK, "mx2.lab.example", "ok"))
            .build();
    TlsInsight t =
        TlsInsightAnalyzer.analyze(
            "lab.example", List.of(report()), FROM, TO, Optional.of(audit(smtp)));
    assertThat(t.failedSessions()).isEqualTo(303);
    Row expired =
        t.rows().stream()
            .filter(r -> r.resultType().equals("certificate-expired"))
            .findFirst()
            .orElseThrow();
    assertThat(expired.mx()).isEqualTo("mx1.lab.example");
    assertThat(expired.live()).isEqualTo(Live.CONFIRMED);
    assertThat(expired.liveFindings()).containsExactly("tls.cert-expired");
    Row starttls =
        t.rows().stream()
            .filter(r -> r.resultType().equals("starttls-not-supported"))
            .findFirst()
            .orElseThrow();
    assertThat(starttls.live()).isEqualTo(Live.NOT_REPRODUCED);
    assertThat(t.findings())
        .extracting(Finding::codeId)
        .contains("insight.tls-confirmed", "insight.tls-not-reproduced");
    Finding confirmed =
        t.findings().stream()
            .filter(f -> f.codeId().equals("insight.tls-confirmed"))
            .findFirst()
            .orElseThrow();
    assertThat(confirmed.remediation()).contains("Renew the certificate of mx1.lab.example");
  }

  @Test
  void saysNotTestedWithoutAnAuditNeverFixed() {
    TlsInsight t =
        TlsInsightAnalyzer.analyze("lab.example", List.of(report()), FROM, TO, Optional.empty());
    assertThat(t.rows()).extracting(Row::live).containsOnly(Live.NOT_TESTED);
    assertThat(t.findings()).extracting(Finding::codeId).containsOnly("insight.tls-failures");
  }

  @Test
  void mapsPolicyFailuresToTheMtaStsAndDaneChecks() {
    assertThat(TlsInsightAnalyzer.checkFor("sts-policy-fetch-error")).isEqualTo("mta-sts");
    assertThat(TlsInsightAnalyzer.checkFor("tlsa-invalid")).isEqualTo("dane");
    assertThat(TlsInsightAnalyzer.checkFor("certificate-host-mismatch")).isEqualTo("smtp");
  }

  @Test
  void reportsCleanTlsReports() {
    TlsReport clean =
        new TlsReport(
            "o",
            report().dateRange(),
            "",
            "id",
            List.of(
                new TlsReport.Policy("sts", List.of(), "lab.example", List.of(), 10, 0, List.of())),
            List.of());
    TlsInsight t =
        TlsInsightAnalyzer.analyze("lab.example", List.of(clean), FROM, TO, Optional.empty());
    assertThat(t.findings()).extracting(Finding::codeId).containsExactly("insight.tls-ok");
  }
}
