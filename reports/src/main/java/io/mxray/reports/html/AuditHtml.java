package io.mxray.reports.html;

import io.mxray.core.audit.AuditReport;

/** The single-file HTML report of a domain audit (template {@code audit.hbs}). */
public final class AuditHtml {

  private AuditHtml() {}

  /**
   * @param generator "mxray 0.1.0" or similar, shown in the footer
   */
  public static String of(AuditReport report, String generator) {
    return Html.render("audit", ReportView.of(report, generator));
  }
}
