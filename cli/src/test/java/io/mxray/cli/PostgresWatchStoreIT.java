package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.core.watch.WatchEntry;
import io.mxray.core.watch.WatchStoreContract;
import io.mxray.core.watch.WatchStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch store contract against the lab's real PostgreSQL (scripts/lab.d/30-postgres.sh; its
 * database sorts text by language rules, not bytes), each test in a schema of its own; and what
 * only a server can show: refused logins and lost connections.
 */
class PostgresWatchStoreIT extends WatchStoreContract {

  private final List<String> schemas = new ArrayList<>();

  /** A new schema in the lab database, and the URL that puts the store in it. */
  static String freshSchema(List<String> created) throws Exception {
    String url = Lab.require("LAB_PG_URL");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    created.add(schema);
    return url + "&currentSchema=" + schema;
  }

  static void dropSchemas(List<String> created) throws Exception {
    if (created.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(Lab.require("LAB_PG_URL"));
        Statement s = c.createStatement()) {
      for (String schema : created) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    created.clear();
  }

  @Override
  protected String emptyDatabase() throws Exception {
    return freshSchema(schemas);
  }

  @AfterEach
  void dropTheTestSchemas() throws Exception {
    dropSchemas(schemas);
  }

  @Test
  void refusesAWrongPasswordInOneLineWithoutShowingIt() throws Exception {
    String url =
        emptyDatabase()
            .replace("password=" + Lab.require("LAB_PG_PASSWORD"), "password=not-the-password");
    assertThatThrownBy(() -> JdbcWatchStore.open(url))
        .isInstanceOf(WatchStoreException.class)
        .hasMessageStartingWith(
            "cannot open the watch database postgresql://"
                + Lab.require("LAB_PG_HOST")
                + ":"
                + Lab.require("LAB_PG_PORT")
                + "/"
                + Lab.require("LAB_PG_DB")
                + ": ")
        .hasMessageContaining("password authentication failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "not-the-password"));
  }

  @Test
  void reconnectsOnTheNextCallAfterTheServerEndsTheSession() throws Exception {
    String app = "mxray-it-" + UUID.randomUUID();
    String url = emptyDatabase() + "&ApplicationName=" + app;
    try (JdbcWatchStore store = JdbcWatchStore.open(url)) {
      store.put(new WatchEntry("a.example", Duration.ofHours(1), "", "", T0, T0));
      try (Connection c = DriverManager.getConnection(Lab.require("LAB_PG_URL"));
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                      + " WHERE application_name = '"
                      + app
                      + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).as("the store's session").isEqualTo(1);
      }
      assertThatThrownBy(store::list)
          .isInstanceOf(WatchStoreException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .startsWith("reading the watch list failed: ")
                      .doesNotContain("\n"));
      assertThat(store.list()).extracting(WatchEntry::domain).containsExactly("a.example");
    }
  }
}
