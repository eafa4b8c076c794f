package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.finding.FindingCode;
import io.mxray.reports.Json;
import io.mxray.reports.html.CodesHtml;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mxray codes}: the findings catalogue. */
@Command(
    name = "codes",
    mixinStandardHelpOptions = true,
    description = "List every finding code mxray can report, with default severity and source.")
public final class CodesCommand implements Callable<Integer> {

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String doc;
    if (output.format() == OutputOptions.Format.json) {
      doc = Json.pretty(Json.catalogue(Registry.findingCodes()));
    } else if (output.format() == OutputOptions.Format.html) {
      doc = CodesHtml.of(Registry.findingCodes(), "mxray " + VersionProvider.version());
    } else {
      StringBuilder b = new StringBuilder();
      for (FindingCode c : Registry.findingCodes()) {
        b.append(
            String.format(
                Locale.ROOT,
                "%-28s %-12s %-18s %s%n",
                c.id(),
                c.defaultSeverity().id(),
                c.rfc(),
                c.summary()));
      }
      doc = b.toString();
    }
    output.write(doc, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
