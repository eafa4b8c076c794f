package io.mxray.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the third-party corpora in {@code ../shared/corpora} beside the repository (never copied
 * into it). Override with the system property {@code mxray.corpora} or the environment variable
 * {@code MXRAY_CORPORA}. Tests that need a corpus skip with a clear message when it is absent.
 */
public final class Corpora {

  private Corpora() {}

  public static Path root() {
    String p = System.getProperty("mxray.corpora", System.getenv("MXRAY_CORPORA"));
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    String repo = System.getProperty("mxray.repo.root");
    Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("../shared/corpora").normalize();
  }

  /** The corpus directory, or skips the calling test with a message saying what is missing. */
  public static Path require(String name) {
    Path dir = root().resolve(name);
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        "corpus '"
            + name
            + "' not found at "
            + dir
            + " (set -Dmxray.corpora or MXRAY_CORPORA); skipping");
    return dir;
  }
}
