package io.mxray.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback lab started by {@code scripts/lab.sh start}: reads {@code lab/run/lab.env}. Without
 * a lab, integration tests skip with a message — except under CI (CI=true), where a missing lab is
 * a failure.
 */
final class Lab {

  private Lab() {}

  static Map<String, String> env() {
    String override = System.getenv("MXRAY_LAB_ENV");
    Path file =
        override != null ? Path.of(override) : CliHarness.repoRoot().resolve("lab/run/lab.env");
    if (!Files.isReadable(file)) {
      String message = "no lab at " + file + " (run scripts/lab.sh start, or scripts/test.sh)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.assumeTrue(false, message);
    }
    Map<String, String> env = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    return env;
  }

  static String require(String key) {
    String v = env().get(key);
    if (v == null) {
      String message = "lab has no " + key + " (its component did not start)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.assumeTrue(false, message);
    }
    return v;
  }
}
