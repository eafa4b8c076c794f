package io.mxray.reports;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.Locale;

/**
 * The Nagios/Icinga plugin form of an audit: one status line with perfdata (Nagios Plugin
 * Development Guidelines, "Plugin Output" and "Performance data"), e.g. {@code MXRAY WARNING -
 * example.com: 2 warnings, 0 failures | warnings=2;;;0 failures=0;;;0 ...}. The exit code is the
 * severity's ({@link Severity#exitCode()}): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
 */
public final class NagiosStatus {

  private NagiosStatus() {}

  /** OK, WARNING, CRITICAL or UNKNOWN. */
  public static String state(Severity worst) {
    return switch (worst.exitCode()) {
      case 0 -> "OK";
      case 1 -> "WARNING";
      case 2 -> "CRITICAL";
      default -> "UNKNOWN";
    };
  }

  /** The status line with a trailing newline. */
  public static String line(AuditReport r) {
    long warn = r.count(Severity.WARN);
    long fail = r.count(Severity.FAIL);
    long unsure = r.count(Severity.INCONCLUSIVE);
    long info = r.count(Severity.INFO);
    long pass = r.count(Severity.PASS);
    StringBuilder b =
        new StringBuilder("MXRAY ")
            .append(state(r.severity()))
            .append(" - ")
            .append(r.domain())
            .append(": ")
            .append(plural(warn, "warning"))
            .append(", ")
            .append(plural(fail, "failure"));
    if (unsure > 0) {
      b.append(", ").append(unsure).append(" inconclusive");
    }
    worstFinding(r).ifPresent(f -> b.append(" (").append(f.codeId()).append(')'));
    b.append(" | warnings=")
        .append(warn)
        .append(";;;0")
        .append(" failures=")
        .append(fail)
        .append(";;;0")
        .append(" inconclusive=")
        .append(unsure)
        .append(";;;0")
        .append(" info=")
        .append(info)
        .append(";;;0")
        .append(" passes=")
        .append(pass)
        .append(";;;0")
        .append(" dns_queries=")
        .append(r.dnsQueries().size())
        .append(";;;0")
        .append(String.format(Locale.ROOT, " time=%.3fs;;;0", r.durationMs() / 1000.0));
    return b.append('\n').toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static java.util.Optional<Finding> worstFinding(AuditReport r) {
    if (r.severity() == Severity.PASS || r.severity() == Severity.INFO) {
      return java.util.Optional.empty();
    }
    return r.findings().stream().filter(f -> f.severity() == r.severity()).findFirst();
  }
}
