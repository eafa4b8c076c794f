package io.mxray.reports;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flat CSV form of batch results (RFC 4180): one row per domain with the overall severity,
 * finding counts per severity, key facts (MX hosts, SPF and DMARC records when those checks ran)
 * and the distinct finding codes. Cells that a spreadsheet would run as a formula are prefixed with
 * an apostrophe (DNS text is attacker controlled).
 */
public final class BatchCsv {

  public static final List<String> COLUMNS =
      List.of(
          "domain",
          "severity",
          "pass",
          "info",
          "warn",
          "fail",
          "inconclusive",
          "mx",
          "null_mx",
          "spf",
          "dmarc",
          "codes");

  private BatchCsv() {}

  /** The header line, with CRLF as RFC 4180 says. */
  public static String header() {
    return String.join(",", COLUMNS) + "\r\n";
  }

  /** One row, with CRLF. */
  public static String row(AuditReport r) {
    List<String> cells = new ArrayList<>();
    cells.add(r.domain());
    cells.add(r.severity().id());
    for (Severity s :
        List.of(
            Severity.PASS, Severity.INFO, Severity.WARN, Severity.FAIL, Severity.INCONCLUSIVE)) {
      cells.add(Long.toString(r.count(s)));
    }
    cells.add(String.join(" ", mxHosts(r)));
    cells.add(
        r.check("mx").map(c -> Boolean.TRUE.equals(c.facts().get("nullMx"))).orElse(false)
            ? "true"
            : "false");
    cells.add(record(r, "spf").orElse(""));
    cells.add(record(r, "dmarc").orElse(""));
    Set<String> codes = new LinkedHashSet<>();
    for (Finding f : r.findings()) {
      codes.add(f.codeId());
    }
    cells.add(String.join(" ", codes));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells.get(i)));
    }
    return b.append("\r\n").toString();
  }

  static List<String> mxHosts(AuditReport r) {
    List<String> hosts = new ArrayList<>();
    Optional<CheckResult> mx = r.check("mx");
    if (mx.isPresent() && mx.get().facts().get("mx") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("host") != null) {
          hosts.add(String.valueOf(m.get("host")));
        }
      }
    }
    return hosts;
  }

  /**
   * The "record" fact of the first check under {@code prefix} (spf.record, dmarc…), if any reported
   * one.
   */
  static Optional<String> record(AuditReport r, String prefix) {
    for (CheckResult c : r.checks()) {
      if (c.id().matches(prefix) && c.facts().get("record") instanceof String s && !s.isEmpty()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** RFC 4180 quoting, plus the formula-injection guard. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** The domain of a data row (the first cell), or empty for the header and unreadable rows. */
  public static Optional<String> domainOf(String row) {
    int comma = row.indexOf(',');
    if (comma <= 0 || row.startsWith("domain,") || row.startsWith("\"")) {
      return Optional.empty();
    }
    return Optional.of(row.substring(0, comma));
  }
}
