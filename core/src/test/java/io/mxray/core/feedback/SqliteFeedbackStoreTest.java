package io.mxray.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.watch.JdbcWatchStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFeedbackStoreTest extends FeedbackStoreContract {

  @TempDir Path dir;
  private int n;

  @Override
  protected String emptyDatabase() {
    return "jdbc:sqlite:" + dir.resolve("db" + (n++) + ".db");
  }

  @Test
  void sharesTheDatabaseFileWithTheWatchList() {
    try (JdbcWatchStore watch = JdbcWatchStore.sqlite(dir);
        JdbcFeedbackStore reports = JdbcFeedbackStore.sqlite(dir, new FeedbackReader())) {
      assertThat(watch.list()).isEmpty();
      assertThat(reports.domains()).isEmpty();
    }
    // Opened again, in the other order, nothing is recreated or refused.
    try (JdbcFeedbackStore reports = JdbcFeedbackStore.sqlite(dir, new FeedbackReader());
        JdbcWatchStore watch = JdbcWatchStore.sqlite(dir)) {
      assertThat(reports.list("", java.time.Instant.EPOCH, 10)).isEmpty();
      assertThat(watch.integrityCheck()).isEqualTo("ok");
    }
    assertThat(List.of(dir.resolve("mxray.db").toFile().exists())).containsExactly(true);
  }
}
