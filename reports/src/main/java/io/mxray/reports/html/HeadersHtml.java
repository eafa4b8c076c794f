package io.mxray.reports.html;

import io.mxray.core.headers.MessageAnalysis;
import java.time.Instant;

/**
 * The single-file HTML page of a message analysis (template {@code headers.hbs}), on a par with the
 * terminal output: hop table with delay shares and clock skew explained, origin, authentication,
 * spam-filter verdicts, checklist, findings and every header with what it is for.
 */
public final class HeadersHtml {

  private HeadersHtml() {}

  /**
   * @param at when the analysis ran (shown in the footer)
   * @param generator "mxray 0.1.0" or similar
   */
  public static String of(MessageAnalysis analysis, Instant at, String generator) {
    return Html.render("headers", HeadersView.of(analysis, at, generator));
  }
}
