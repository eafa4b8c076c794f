package io.mxray.core.watch;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, the default database: a new file per test. */
class SqliteWatchStoreTest extends WatchStoreContract {

  @TempDir Path dir;
  private int n;

  @Override
  protected String emptyDatabase() {
    return "jdbc:sqlite:" + dir.resolve("mxray-" + (++n) + ".db");
  }
}
