package io.mxray.reports.html;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.List;

/**
 * The overall letter grade at the top of an HTML report, derived only from finding counts so that
 * it is explainable: A — nothing to fix; B — one warning; C — several warnings; D — one failure; F
 * — two or more failures. INCONCLUSIVE findings do not lower the grade; they mark it incomplete.
 *
 * @param letter A to F
 * @param incomplete true when some area could not be assessed
 * @param explanation one sentence saying why
 */
public record Grade(String letter, boolean incomplete, String explanation) {

  public static Grade of(List<Finding> findings) {
    long fail = findings.stream().filter(f -> f.severity() == Severity.FAIL).count();
    long warn = findings.stream().filter(f -> f.severity() == Severity.WARN).count();
    long unsure = findings.stream().filter(f -> f.severity() == Severity.INCONCLUSIVE).count();
    String letter;
    String why;
    if (fail >= 2) {
      letter = "F";
      why = fail + " failures";
    } else if (fail == 1) {
      letter = "D";
      why = "1 failure" + (warn > 0 ? " and " + plural(warn, "warning") : "");
    } else if (warn >= 2) {
      letter = "C";
      why = plural(warn, "warning");
    } else if (warn == 1) {
      letter = "B";
      why = "1 warning";
    } else {
      letter = "A";
      why = "nothing to fix";
    }
    String note =
        unsure > 0 ? "; " + plural(unsure, "area") + " could not be assessed (inconclusive)" : "";
    return new Grade(letter, unsure > 0, capitalize(why) + note + ".");
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
