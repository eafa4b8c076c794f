package io.mxray.reports;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal rendering of a domain audit: verdict line, findings worst first, checks, key facts.
 */
public final class AuditText {

  private AuditText() {}

  public static String of(AuditReport r, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold("mxray audit " + r.domain()))
        .append(" — ")
        .append(ansi.severity(r.severity(), TextFindings.label(r.severity())))
        .append(
            String.format(
                Locale.ROOT,
                "  (%d fail, %d warn, %d unsure, %d info, %d pass; %d DNS queries, %d ms)%n",
                r.count(Severity.FAIL),
                r.count(Severity.WARN),
                r.count(Severity.INCONCLUSIVE),
                r.count(Severity.INFO),
                r.count(Severity.PASS),
                r.dnsQueries().size(),
                r.durationMs()));
    out.append('\n');
    TextFindings.append(out, r.findings(), ansi);
    out.append('\n').append(ansi.bold("Checks")).append('\n');
    for (CheckResult c : r.checks()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-7s %-12s %s (%d ms)%n",
              ansi.severity(c.severity(), TextFindings.label(c.severity())),
              c.id(),
              c.title(),
              c.durationMs()));
    }
    for (CheckResult c : r.checks()) {
      if (!c.facts().isEmpty()) {
        out.append('\n').append(ansi.bold(c.title())).append('\n');
        facts(out, c.facts(), "  ");
      }
    }
    return out.toString();
  }

  /** Plain data as indented "key: value" lines; lists of maps as one compact line per item. */
  static void facts(StringBuilder out, Map<String, Object> facts, String indent) {
    for (Map.Entry<String, Object> e : facts.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
        out.append(indent).append(e.getKey()).append(":\n");
        for (Object item : list) {
          out.append(indent).append("  - ").append(Ansi.clean(compact(item))).append('\n');
        }
      } else if (v instanceof Map<?, ?> m) {
        out.append(indent).append(e.getKey()).append(":\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) m;
        facts(out, sub, indent + "  ");
      } else {
        out.append(indent)
            .append(e.getKey())
            .append(": ")
            .append(Ansi.clean(compact(v)))
            .append('\n');
      }
    }
  }

  static String compact(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (b.length() > 0) {
          b.append("  ");
        }
        b.append(e.getKey()).append('=').append(compact(e.getValue()));
      }
      return b.toString();
    }
    if (v instanceof List<?> l) {
      return l.stream()
          .map(AuditText::compact)
          .reduce((a, b) -> a + ", " + b)
          .map(s -> "[" + s + "]")
          .orElse("[]");
    }
    return String.valueOf(v);
  }
}
