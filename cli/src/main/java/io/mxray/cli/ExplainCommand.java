package io.mxray.cli;

import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.BounceReport;
import io.mxray.reports.Ansi;
import io.mxray.reports.BounceText;
import io.mxray.reports.ExplainJson;
import io.mxray.reports.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray explain <code or reply text>}: what a reply code, enhanced status or server answer
 * means.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain an SMTP reply, an enhanced status code (RFC 3463, every code of the IANA registry), "
          + "or a POP3/IMAP answer: what it means, the likely bounce reason, hard or soft, and what to do. "
          + "A finding code of mxray's catalogue (mx.null) gets its meaning and source. A bare code also lists the "
          + "vendors that give it a meaning of their own (Microsoft's 5.4.1: directory-based edge blocking).",
      "Quote text with spaces or pass it as several words."
    },
    footer = {
      "",
      "Examples:",
      "  mxray explain 550 5.1.1",
      "  mxray explain 5.7.26",
      "  mxray explain \"421 4.7.28 Our system has detected an unusual rate of unsolicited mail\"",
      "  mxray explain -- -ERR invalid password",
      "",
      ExitCodes.HELP
    })
public final class ExplainCommand implements Callable<Integer> {

  /** Longest input accepted. */
  static final int MAX_INPUT = 4096;

  @Parameters(
      arity = "1..*",
      paramLabel = "TEXT",
      description = "Reply code, status code or reply line.")
  List<String> words;

  @Mixin BounceOutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String input = String.join(" ", words).trim();
    if (input.isEmpty()) {
      throw new UsageException(
          "nothing to explain: give a code such as 550, 5.1.1 or a reply line");
    }
    if (output.format() == BounceOutputOptions.Format.html) {
      throw new UsageException("--format html is for mxray bounce; use text, json or jsonl");
    }
    if (input.length() > MAX_INPUT) {
      throw new UsageException("input longer than " + MAX_INPUT + " characters");
    }
    var finding = io.mxray.core.Registry.code(input.toLowerCase(java.util.Locale.ROOT));
    if (finding.isPresent()) {
      // A finding code of the catalogue (mx.null): what it means, its default severity and its
      // source.
      var c = finding.get();
      var json = ExplainJson.code(c);
      String doc =
          output.format() == BounceOutputOptions.Format.text
              ? c.id()
                  + " ("
                  + c.defaultSeverity().id()
                  + ", "
                  + c.rfc()
                  + ")\n  "
                  + c.summary()
                  + "\n"
                  + (c.rfc().url().isEmpty() ? "" : "  " + c.rfc().url() + "\n")
              : output.format() == BounceOutputOptions.Format.jsonl
                  ? Json.compact(json) + "\n"
                  : Json.pretty(json);
      output.write(doc, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    BounceReport r = new BounceExplainer().explainReply(input);
    String doc =
        switch (output.format()) {
          case json -> Json.pretty(ExplainJson.reply(input, r));
          case jsonl -> Json.compact(ExplainJson.reply(input, r)) + "\n";
          case text, html -> BounceText.explain(input, r, new Ansi(output.color()));
        };
    output.write(doc, spec.commandLine().getOut());
    return ExitCodes.of(r.severity());
  }
}
