package io.mxray.core.audit;

import io.mxray.core.dns.DnsQuery;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of an audit: overall severity, each check's findings and facts, the DNS query log,
 * timing.
 */
public record AuditReport(
    String domain,
    Severity severity,
    List<CheckResult> checks,
    List<DnsQuery> dnsQueries,
    Instant startedAt,
    long durationMs) {

  public AuditReport {
    checks = List.copyOf(checks);
    dnsQueries = List.copyOf(dnsQueries);
  }

  public List<Finding> findings() {
    return checks.stream().flatMap(c -> c.findings().stream()).toList();
  }

  public Optional<CheckResult> check(String id) {
    return checks.stream().filter(c -> c.id().value().equals(id)).findFirst();
  }

  public boolean has(String codeId) {
    return findings().stream().anyMatch(f -> f.codeId().equals(codeId));
  }

  public long count(Severity s) {
    return findings().stream().filter(f -> f.severity() == s).count();
  }
}
