package io.mxray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how results are written. */
public final class OutputOptions {

  public enum Format {
    text,
    json,
    html
  }

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (html: one self-contained file, e.g. with"
              + " --output report.html). Default: ${DEFAULT-VALUE}.")
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

  /** Colour only for text written to an interactive terminal, and not when NO_COLOR is set. */
  public boolean color() {
    return !noColor
        && output == null
        && format == Format.text
        && System.console() != null
        && System.getenv("NO_COLOR") == null;
  }

  /** Writes the document to the output file, or to {@code out}. */
  public void write(String document, PrintWriter out) {
    if (output == null) {
      out.print(document);
      out.flush();
      return;
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, document, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot write " + output + ": " + UsageException.describe(e));
    }
  }
}
