package io.mxray.reports;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.WatchService;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus text exposition (format 0.0.4) of the per-domain watch gauges, for a {@code /metrics}
 * endpoint to append. Label values are A-label domain names, escaped anyway.
 */
public final class WatchMetrics {

  private WatchMetrics() {}

  /**
   * Severity as a number that orders like "how bad": pass 0, info 1, inconclusive 2, warn 3, fail
   * 4.
   */
  public static int rank(Severity s) {
    return switch (s) {
      case PASS -> 0;
      case INFO -> 1;
      case INCONCLUSIVE -> 2;
      case WARN -> 3;
      case FAIL -> 4;
    };
  }

  public static String render(List<WatchService.Gauges> gauges) {
    StringBuilder b = new StringBuilder();
    b.append(
        "# HELP mxray_watch_worst_severity Worst finding of the last audit: 0 pass, 1 info, 2 inconclusive,"
            + " 3 warn, 4 fail.\n# TYPE mxray_watch_worst_severity gauge\n");
    for (WatchService.Gauges g : gauges) {
      b.append("mxray_watch_worst_severity{domain=\"")
          .append(esc(g.domain()))
          .append("\"} ")
          .append(rank(g.worst()))
          .append('\n');
    }
    b.append(
        "# HELP mxray_watch_findings Findings of the last audit by severity.\n"
            + "# TYPE mxray_watch_findings gauge\n");
    for (WatchService.Gauges g : gauges) {
      for (Severity s : Severity.values()) {
        b.append("mxray_watch_findings{domain=\"")
            .append(esc(g.domain()))
            .append("\",severity=\"")
            .append(s.id())
            .append("\"} ")
            .append(g.findings().getOrDefault(s, 0L))
            .append('\n');
      }
    }
    b.append(
        "# HELP mxray_watch_certificate_days_left Days until the first certificate seen in the last audit"
            + " expires.\n# TYPE mxray_watch_certificate_days_left gauge\n");
    for (WatchService.Gauges g : gauges) {
      g.certDaysLeft()
          .ifPresent(
              d ->
                  b.append("mxray_watch_certificate_days_left{domain=\"")
                      .append(esc(g.domain()))
                      .append("\"} ")
                      .append(d)
                      .append('\n'));
    }
    b.append(
        "# HELP mxray_watch_last_audit_age_seconds Seconds since the last stored audit started.\n"
            + "# TYPE mxray_watch_last_audit_age_seconds gauge\n");
    for (WatchService.Gauges g : gauges) {
      g.lastAuditAgeSeconds()
          .ifPresent(
              a ->
                  b.append("mxray_watch_last_audit_age_seconds{domain=\"")
                      .append(esc(g.domain()))
                      .append("\"} ")
                      .append(String.format(Locale.ROOT, "%d", a))
                      .append('\n'));
    }
    return b.toString();
  }

  static String esc(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
