package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sisimai (Debian's libsisimai-perl, installed by {@code scripts/install-sisimai.sh}) as a
 * differential oracle on the synthetic set: {@code scripts/sisimai-oracle.pl} classifies every
 * synthetic message and each recipient's reason is compared with mxray's. Every disagreement must
 * be recorded in {@code synthetic/sisimai-differences.tsv} with who is right and why (the RFC or
 * vendor document); a new disagreement, or a recorded one that no longer occurs, fails the test.
 * Without perl and Sisimai the test is skipped locally and fails under {@code CI=true}.
 */
class SisimaiOracleTest {

  record Difference(
      String file, String address, String sisimai, String mxray, String right, String why) {
    String key() {
      return file
          + " "
          + address.toLowerCase(Locale.ROOT)
          + " sisimai="
          + sisimai
          + " mxray="
          + mxray;
    }
  }

  private static Path repoRoot() {
    String repo = System.getProperty("mxray.repo.root");
    return repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
  }

  private static boolean sisimaiAvailable() {
    try {
      Process p =
          new ProcessBuilder("perl", "-MSisimai", "-e", "1").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String[]> runOracle(Path script, Path dir) throws Exception {
    Process p =
        new ProcessBuilder("perl", script.toString(), dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("sisimai-oracle.pl finished").isTrue();
    assertThat(p.exitValue()).as("sisimai-oracle.pl exit code").isZero();
    List<String[]> rows = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  static List<Difference> recorded() {
    List<Difference> out = new ArrayList<>();
    String tsv =
        new String(BounceSyntheticTest.read("sisimai-differences.tsv"), StandardCharsets.UTF_8);
    boolean header = true;
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] c = line.split("\t", -1);
      out.add(new Difference(c[0], c[1], c[2], c[3], c[4], c[5]));
    }
    return out;
  }

  @Test
  void everyRecordedDifferenceSaysWhoIsRightAndWhy() {
    assertThat(recorded())
        .allSatisfy(
            d -> {
              assertThat(d.right()).isIn("mxray", "sisimai", "both");
              assertThat(d.why())
                  .matches(
                      "(?s).*(RFC \\d+|docs\\.aws|Microsoft|Google|Yahoo|GoDaddy|Comcast|Exim|OpenSMTPD|MailMarshal|Sisimai|decoded|German|HTML).*");
            });
  }

  @Test
  void disagreesWithSisimaiOnlyWhereTheDisagreementIsRecordedAndExplained() throws Exception {
    if (!sisimaiAvailable()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("perl with Sisimai is required under CI=true: run scripts/install-sisimai.sh");
      }
      Assumptions.abort(
          "skipped: perl with Sisimai (Debian libsisimai-perl) is not installed; "
              + "scripts/install-sisimai.sh installs it (CI runs it from scripts/test.sh)");
    }
    Path root = repoRoot();
    Path script = root.resolve("scripts/sisimai-oracle.pl");
    Path dir = root.resolve("core/src/test/resources/bounce/synthetic");
    assertThat(script).exists();
    assertThat(dir).isDirectory();
    Map<String, List<String[]>> sisimai = new LinkedHashMap<>();
    for (String[] r : runOracle(script, dir)) {
      sisimai.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
    }
    List<BounceSyntheticTest.Expected> rows = BounceSyntheticTest.expected();
    Map<String, BounceReport> reports = BounceSyntheticTest.reports(rows);
    Set<String> actual = new LinkedHashSet<>();
    int agree = 0;
    for (BounceSyntheticTest.Expected e : rows) {
      String mxray = reports.get(e.file()).recipients().get(e.index() - 1).reason().id();
      String theirs = "-";
      for (String[] r : sisimai.getOrDefault(e.file(), List.of())) {
        if (r[2].equalsIgnoreCase(e.address())) {
          theirs = r[3];
          break;
        }
      }
      if (theirs.equals(mxray)) {
        agree++;
      } else {
        actual.add(
            e.file()
                + " "
                + e.address().toLowerCase(Locale.ROOT)
                + " sisimai="
                + theirs
                + " mxray="
                + mxray);
      }
    }
    Set<String> expected = new LinkedHashSet<>();
    Map<String, Long> byVerdict = new LinkedHashMap<>();
    for (Difference d : recorded()) {
      expected.add(d.key());
      byVerdict.merge(d.right(), 1L, Long::sum);
    }
    System.out.printf(
        Locale.ROOT,
        "sisimai oracle: %d synthetic recipients, %d agree, %d recorded differences (right: %s)%n",
        rows.size(),
        agree,
        expected.size(),
        byVerdict);
    Set<String> unrecorded = new LinkedHashSet<>(actual);
    unrecorded.removeAll(expected);
    Set<String> stale = new LinkedHashSet<>(expected);
    stale.removeAll(actual);
    assertThat(unrecorded)
        .as("disagreements with Sisimai not recorded in sisimai-differences.tsv")
        .isEmpty();
    assertThat(stale).as("recorded disagreements that no longer occur").isEmpty();
  }

  /** Guards the path logic of the test itself: the recorded files exist in the synthetic set. */
  @Test
  void recordedDifferencesNameSyntheticMessages() throws IOException {
    Path dir = repoRoot().resolve("core/src/test/resources/bounce/synthetic");
    for (Difference d : recorded()) {
      assertThat(Files.exists(dir.resolve(d.file()))).as(d.file()).isTrue();
    }
  }
}
