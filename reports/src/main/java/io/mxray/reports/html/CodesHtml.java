package io.mxray.reports.html;

import io.mxray.core.finding.FindingCode;
import java.util.List;

/** The findings catalogue as a single-file HTML page (template {@code codes.hbs}). */
public final class CodesHtml {

  /** One catalogue entry. */
  public record CodeView(
      String code,
      String severity,
      String severityLabel,
      String rfc,
      String rfcUrl,
      String summary) {}

  /** The page model. */
  public record CodesView(List<CodeView> codes, String generator) {}

  private CodesHtml() {}

  public static String of(List<FindingCode> codes, String generator) {
    List<CodeView> views =
        codes.stream()
            .map(
                c ->
                    new CodeView(
                        c.id(),
                        c.defaultSeverity().id(),
                        FindingView.label(c.defaultSeverity()),
                        c.rfc().toString(),
                        c.rfc().url(),
                        c.summary()))
            .toList();
    return Html.render("codes", new CodesView(views, generator));
  }
}
