package io.mxray.core.watch;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the monitor compares between two audits of a domain: the findings (code, severity, subject),
 * the key records as text (MX set, SPF and DMARC records when those checks report a {@code record}
 * fact) and certificate expiry dates (any fact map with a {@code notAfter} instant and a {@code
 * host}).
 *
 * @param domain A-label form
 * @param auditedAt when the audit started
 * @param severity the audit's overall severity
 * @param findings one key per finding, sorted
 * @param records record name ("mx", "spf", "dmarc") to its text
 * @param certificates host to certificate expiry
 */
public record AuditSnapshot(
    String domain,
    Instant auditedAt,
    Severity severity,
    List<FindingKey> findings,
    Map<String, String> records,
    Map<String, Instant> certificates) {

  /** A finding as the monitor identifies it. */
  public record FindingKey(String code, Severity severity, String subject)
      implements Comparable<FindingKey> {
    public FindingKey {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(severity, "severity");
      subject = storable(Objects.requireNonNullElse(subject, ""));
    }

    @Override
    public int compareTo(FindingKey o) {
      int c = code.compareTo(o.code);
      return c != 0 ? c : subject.compareTo(o.subject);
    }
  }

  /**
   * Text as every store keeps it: U+0000 (possible in DNS TXT data, which is attacker controlled)
   * becomes U+FFFD, because PostgreSQL text cannot hold it. Snapshots are built from storable text,
   * so a snapshot read back from the store equals the one that was saved and diffs never show a
   * change that is only storage.
   */
  public static String storable(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }

  public AuditSnapshot {
    findings = findings.stream().sorted().toList();
    Map<String, String> r = new TreeMap<>();
    records.forEach((k, v) -> r.put(storable(k), storable(v)));
    records = r;
    Map<String, Instant> c = new TreeMap<>();
    certificates.forEach((k, v) -> c.put(storable(k), v));
    certificates = c;
  }

  public static AuditSnapshot of(AuditReport r) {
    Set<FindingKey> keys = new LinkedHashSet<>();
    for (Finding f : r.findings()) {
      keys.add(new FindingKey(f.codeId(), f.severity(), f.subject()));
    }
    Map<String, String> records = new LinkedHashMap<>();
    r.check("mx")
        .ifPresent(
            mx -> {
              if (mx.facts().get("mx") instanceof List<?> list) {
                List<String> hosts = new ArrayList<>();
                for (Object o : list) {
                  if (o instanceof Map<?, ?> m && m.get("host") != null) {
                    hosts.add(
                        (m.get("preference") == null ? "" : m.get("preference") + " ")
                            + m.get("host"));
                  }
                }
                records.put("mx", String.join(", ", hosts));
              }
              if (Boolean.TRUE.equals(mx.facts().get("nullMx"))) {
                records.put("mx", "0 . (null MX)");
              }
            });
    for (String prefix : List.of("spf", "dmarc", "mta-sts", "tlsrpt", "bimi")) {
      for (CheckResult c : r.checks()) {
        if (c.id().matches(prefix) && c.facts().get("record") instanceof String s) {
          records.putIfAbsent(prefix, s);
        }
      }
    }
    Map<String, Instant> certs = new LinkedHashMap<>();
    for (CheckResult c : r.checks()) {
      collectCertificates(c.facts().values(), certs, 0);
    }
    return new AuditSnapshot(
        r.domain(), r.startedAt(), r.severity(), new ArrayList<>(keys), records, certs);
  }

  private static void collectCertificates(
      Collection<?> values, Map<String, Instant> out, int depth) {
    if (depth > 6) {
      return;
    }
    for (Object v : values) {
      if (v instanceof Map<?, ?> m) {
        Object notAfter = m.get("notAfter");
        Object host = m.get("host");
        if (notAfter != null && host != null) {
          try {
            out.putIfAbsent(String.valueOf(host), Instant.parse(String.valueOf(notAfter)));
          } catch (DateTimeParseException e) {
            // not an instant: not a certificate fact we understand
          }
        }
        collectCertificates(m.values(), out, depth + 1);
      } else if (v instanceof Collection<?> c) {
        collectCertificates(c, out, depth + 1);
      }
    }
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }
}
