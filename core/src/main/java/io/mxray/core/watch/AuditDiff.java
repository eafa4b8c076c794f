package io.mxray.core.watch;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.time.Instant;
import java.util.List;

/**
 * What changed between two audits of one domain.
 *
 * @param domain A-label form
 * @param fromId stored id of the older audit (0 when there was none: the first audit)
 * @param toId stored id of the newer audit
 * @param fromAt when the older audit ran (the newer's time when there was none)
 * @param toAt when the newer audit ran
 * @param severityFrom overall severity before
 * @param severityTo overall severity now
 * @param added findings that are new
 * @param resolved findings that are gone
 * @param changed findings whose severity changed
 * @param records records whose text changed (appeared, disappeared or edited)
 * @param expiring certificates that expire within the warning window
 */
public record AuditDiff(
    String domain,
    long fromId,
    long toId,
    Instant fromAt,
    Instant toAt,
    Severity severityFrom,
    Severity severityTo,
    List<FindingKey> added,
    List<FindingKey> resolved,
    List<SeverityChange> changed,
    List<RecordChange> records,
    List<Expiry> expiring) {

  /** A finding present in both audits with another severity. */
  public record SeverityChange(String code, String subject, Severity from, Severity to) {}

  /** A record's text before and after; empty means absent. */
  public record RecordChange(String record, String from, String to) {}

  /** A certificate close to its end. */
  public record Expiry(String host, Instant notAfter, long daysLeft) {}

  public AuditDiff {
    added = List.copyOf(added);
    resolved = List.copyOf(resolved);
    changed = List.copyOf(changed);
    records = List.copyOf(records);
    expiring = List.copyOf(expiring);
  }

  /** True when something worth an alert happened (a certificate nearing expiry counts). */
  public boolean hasChanges() {
    return severityFrom != severityTo
        || !added.isEmpty()
        || !resolved.isEmpty()
        || !changed.isEmpty()
        || !records.isEmpty()
        || !expiring.isEmpty();
  }
}
