package io.mxray.reports;

import io.mxray.core.Registry;
import io.mxray.core.finding.FindingCode;

/** Generates docs/findings.md, the published catalogue of finding codes, from the code enums. */
public final class FindingsDoc {

  private FindingsDoc() {}

  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Finding codes\n\n");
    b.append("Generated from the code enums by `FindingsDocTest` (refresh with\n");
    b.append(
        "`./mvnw -q -pl reports -am test -Dtest=FindingsDocTest -Dmxray.update=true -Dsurefire.failIfNoSpecifiedTests=false`).\n");
    b.append(
        "Codes are a public contract: they are never renamed silently. The severity is the default;\n");
    b.append("a check may raise or lower it for one occurrence and says why in the message.\n\n");
    b.append(
        "Severities: `pass`, `info`, `warn`, `fail`, `inconclusive` (could not tell — never \"missing\").\n\n");
    String area = "";
    for (FindingCode c : Registry.findingCodes()) {
      String a = c.id().substring(0, c.id().indexOf('.'));
      if (!a.equals(area)) {
        area = a;
        b.append("\n## ").append(a).append("\n\n");
        b.append("| code | severity | source | meaning |\n|---|---|---|---|\n");
      }
      String src =
          c.rfc().url().isEmpty() ? c.rfc().toString() : "[" + c.rfc() + "](" + c.rfc().url() + ")";
      b.append("| `")
          .append(c.id())
          .append("` | ")
          .append(c.defaultSeverity().id())
          .append(" | ")
          .append(src)
          .append(" | ")
          .append(c.summary().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
