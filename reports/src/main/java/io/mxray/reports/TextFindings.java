package io.mxray.reports;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders findings for a terminal: worst first, message, fix and reference indented below. */
public final class TextFindings {

  private TextFindings() {}

  static final Comparator<Finding> WORST_FIRST =
      (a, b) ->
          a.severity().isWorseThan(b.severity())
              ? -1
              : b.severity().isWorseThan(a.severity()) ? 1 : 0;

  public static void append(StringBuilder out, List<Finding> findings, Ansi ansi) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(WORST_FIRST);
    for (Finding f : sorted) {
      String label = String.format(Locale.ROOT, "%-6s", label(f.severity()));
      out.append(ansi.severity(f.severity(), label)).append(' ').append(ansi.bold(f.codeId()));
      if (!f.subject().isEmpty()) {
        out.append("  ").append(Ansi.clean(f.subject()));
      }
      out.append('\n');
      indent(out, Ansi.clean(f.message()), "       ");
      if (!f.remediation().isEmpty()) {
        out.append("       ").append(ansi.bold("Fix:")).append('\n');
        indent(out, Ansi.clean(f.remediation()), "         ");
      }
      for (String e : f.evidence()) {
        indent(out, ansi.dim("> " + Ansi.clean(e)), "       ");
      }
      out.append("       ").append(ansi.dim(f.rfc().toString())).append('\n');
    }
  }

  public static String label(Severity s) {
    return switch (s) {
      case PASS -> "PASS";
      case INFO -> "INFO";
      case WARN -> "WARN";
      case FAIL -> "FAIL";
      case INCONCLUSIVE -> "UNSURE";
    };
  }

  static void indent(StringBuilder out, String text, String prefix) {
    for (String line : text.split("\n", -1)) {
      out.append(prefix).append(line).append('\n');
    }
  }
}
