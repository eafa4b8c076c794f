package io.mxray.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Output options of {@code bounce} and {@code explain}: the shared {@link OutputOptions} plus the
 * {@code jsonl} format for batches (one JSON object per line). Writing is delegated to {@link
 * OutputOptions} so files and colours behave the same as everywhere else.
 */
public final class BounceOutputOptions {

  /** Output formats of the bounce commands. */
  public enum Format {
    text,
    json,
    jsonl,
    /** A single-file HTML report (one message; {@code mxray bounce} only). */
    html
  }

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the result to FILE instead of stdout.")
  Path output;

  @Option(
      names = "--no-color",
      description = "Never colour text output (default: colour only on a terminal).")
  boolean noColor;

  public Format format() {
    return format;
  }

  private OutputOptions shared() {
    OutputOptions o = new OutputOptions();
    o.format =
        switch (format) {
          case text -> OutputOptions.Format.text;
          case html -> OutputOptions.Format.html;
          default -> OutputOptions.Format.json;
        };
    o.output = output;
    o.noColor = noColor;
    return o;
  }

  public boolean color() {
    return shared().color();
  }

  public void write(String document, PrintWriter out) {
    shared().write(document, out);
  }
}
