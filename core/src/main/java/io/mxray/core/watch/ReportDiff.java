package io.mxray.core.watch;

import io.mxray.core.watch.AuditDiff.Expiry;
import io.mxray.core.watch.AuditDiff.RecordChange;
import io.mxray.core.watch.AuditDiff.SeverityChange;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two snapshots of a domain. Pure. A finding is identified by code and subject: the same
 * pair with another severity is a change, not a resolution plus an addition.
 */
public final class ReportDiff {

  /** Certificates expiring within this window are reported on every audit until renewed. */
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(21);

  private ReportDiff() {}

  /**
   * @param before the previous audit, or null for the first one (everything is "added")
   * @param after the new audit
   */
  public static AuditDiff between(
      long fromId,
      AuditSnapshot before,
      long toId,
      AuditSnapshot after,
      Instant now,
      Duration expiryWarning) {
    Map<String, FindingKey> old = index(before == null ? List.of() : before.findings());
    Map<String, FindingKey> cur = index(after.findings());
    List<FindingKey> added = new ArrayList<>();
    List<FindingKey> resolved = new ArrayList<>();
    List<SeverityChange> changed = new ArrayList<>();
    for (Map.Entry<String, FindingKey> e : cur.entrySet()) {
      FindingKey was = old.get(e.getKey());
      if (was == null) {
        added.add(e.getValue());
      } else if (was.severity() != e.getValue().severity()) {
        changed.add(
            new SeverityChange(was.code(), was.subject(), was.severity(), e.getValue().severity()));
      }
    }
    for (Map.Entry<String, FindingKey> e : old.entrySet()) {
      if (!cur.containsKey(e.getKey())) {
        resolved.add(e.getValue());
      }
    }
    List<RecordChange> records = new ArrayList<>();
    Map<String, String> oldRecords = before == null ? Map.of() : before.records();
    TreeSet<String> names = new TreeSet<>(oldRecords.keySet());
    names.addAll(after.records().keySet());
    for (String name : names) {
      String from = oldRecords.getOrDefault(name, "");
      String to = after.records().getOrDefault(name, "");
      if (!from.equals(to)) {
        records.add(new RecordChange(name, from, to));
      }
    }
    List<Expiry> expiring = new ArrayList<>();
    for (Map.Entry<String, Instant> c : after.certificates().entrySet()) {
      Duration left = Duration.between(now, c.getValue());
      if (left.compareTo(expiryWarning) <= 0) {
        expiring.add(
            new Expiry(c.getKey(), c.getValue(), Math.floorDiv(left.getSeconds(), 86_400)));
      }
    }
    return new AuditDiff(
        after.domain(),
        before == null ? 0 : fromId,
        toId,
        before == null ? after.auditedAt() : before.auditedAt(),
        after.auditedAt(),
        before == null ? after.severity() : before.severity(),
        after.severity(),
        added,
        resolved,
        changed,
        records,
        expiring);
  }

  private static Map<String, FindingKey> index(List<FindingKey> keys) {
    Map<String, FindingKey> out = new LinkedHashMap<>();
    for (FindingKey k : keys) {
      // The worst occurrence wins when a check reports one code twice for a subject.
      out.merge(
          k.code() + "\u0000" + k.subject(),
          k,
          (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
    }
    return out;
  }
}
