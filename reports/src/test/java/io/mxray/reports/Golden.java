package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run with {@code -Dmxray.update=true} to rewrite the files on purpose,
 * then review the diff before committing.
 */
public final class Golden {

  private Golden() {}

  /** The repository root (surefire passes it; falls back to the parent of the module directory). */
  public static Path repoRoot() {
    String p = System.getProperty("mxray.repo.root");
    return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
  }

  public static void assertMatches(Path file, String actual) throws IOException {
    if (Boolean.getBoolean("mxray.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file %s (refresh with -Dmxray.update=true)", file).exists();
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(actual)
        .as("%s is out of date; rerun with -Dmxray.update=true and review the diff", file)
        .isEqualTo(expected);
  }
}
