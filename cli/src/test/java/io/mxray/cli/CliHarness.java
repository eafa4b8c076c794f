package io.mxray.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output. */
final class CliHarness {

  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(out);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  private CliHarness() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path repoRoot() {
    String p = System.getProperty("mxray.repo.root");
    return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
  }

  /** A zone fixture from core's test resources. */
  static String zone(String relative) {
    return repoRoot().resolve("core/src/test/resources/zones").resolve(relative).toString();
  }
}
