package io.mxray.reports.html;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.dns.DnsQuery;
import io.mxray.core.finding.Severity;
import java.util.List;

/**
 * The view model of a domain audit's HTML report. Built for templates (strings, lists, booleans),
 * not a copy of the core records, so templates stay logic-free.
 */
public record ReportView(
    String kind,
    String subject,
    String severity,
    String severityLabel,
    Grade grade,
    String generatedAt,
    long durationMs,
    List<Count> counts,
    List<SectionView> sections,
    List<QueryView> dnsQueries,
    String generator) {

  /** How many findings of one severity. */
  public record Count(String severity, String label, long count) {}

  /** One line of the DNS query log. */
  public record QueryView(
      String name, String type, String status, long ms, int answers, String server) {}

  public static ReportView of(AuditReport r, String generator) {
    List<Count> counts =
        List.of(Severity.FAIL, Severity.WARN, Severity.INCONCLUSIVE, Severity.INFO, Severity.PASS)
            .stream()
            .map(s -> new Count(s.id(), FindingView.label(s), r.count(s)))
            .toList();
    List<QueryView> queries = r.dnsQueries().stream().map(ReportView::query).toList();
    return new ReportView(
        "audit",
        r.domain(),
        r.severity().id(),
        FindingView.label(r.severity()),
        Grade.of(r.findings()),
        r.startedAt().toString(),
        r.durationMs(),
        counts,
        r.checks().stream().map(SectionView::of).toList(),
        queries,
        generator);
  }

  private static QueryView query(DnsQuery q) {
    return new QueryView(
        q.name(), q.type(), q.status().name(), q.millis(), q.answers(), q.server());
  }

  public int queryCount() {
    return dnsQueries.size();
  }
}
