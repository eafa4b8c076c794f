package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during a run of the scheduler: the database must pass SQLite's integrity check, every
 * audit the killed process reported as saved must be there, and a new process must resume the
 * schedule.
 */
class WatchDurabilityTest {

  private static Process child(Path dir, String... extra) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                WatchCrashChild.class.getName(),
                dir.toString()));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  @Test
  void aKilledSchedulerLosesAtMostTheAuditInProgressAndResumes(@TempDir Path dir) throws Exception {
    long lastSaved = 0;
    for (int round = 0; round < 3; round++) {
      Process p = child(dir);
      long seenThisRound = 0;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("saved ")) {
            long id = Long.parseLong(line.substring(6).trim());
            assertThat(id).as("ids keep growing across restarts").isGreaterThan(lastSaved);
            lastSaved = id;
            if (++seenThisRound >= 40 + round * 7) {
              break;
            }
          } // other lines: library chatter on stderr (SLF4J), merged into stdout
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, likely mid-transaction
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(seenThisRound).as("the child made progress in round " + round).isPositive();
      try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
        assertThat(store.integrityCheck()).isEqualTo("ok");
        assertThat(store.audit(lastSaved)).as("audit %d was reported saved", lastSaved).isPresent();
        assertThat(store.list()).hasSize(5);
        int total = 0;
        for (WatchEntry e : store.list()) {
          total += store.history(e.domain(), 10_000).size();
        }
        assertThat(total).isGreaterThanOrEqualTo((int) seenThisRound);
      }
    }
    // A clean run after the kills completes a full pass over every domain: the schedule resumed.
    Process p = child(dir, "1");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.lines().filter(l -> l.startsWith("saved ")).count()).isEqualTo(5);
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      assertThat(store.due(Instant.now().plus(Duration.ofMinutes(1))))
          .as("all rescheduled about an hour ahead")
          .isEmpty();
    }
  }
}
