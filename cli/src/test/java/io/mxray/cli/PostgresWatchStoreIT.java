package io.mxray.cli;

import io.mxray.core.watch.WatchStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The watch store contract against the lab's real PostgreSQL (scripts/lab.d/30-postgres.sh; its database
 * sorts text by language rules, not bytes), each test in a schema of its own.
 */
class PostgresWatchStoreIT extends WatchStoreContract {

  private final List<String> schemas = new ArrayList<>();

  /** A new schema in the lab database, and the URL that puts the store in it. */
  static String freshSchema(List<String> created) throws Exception {
    String url = Lab.require("LAB_PG_URL");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    created.add(schema);
    return url + "&currentSchema=" + schema;
  }

  static void dropSchemas(List<String> created) throws Exception {
    if (created.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(Lab.require("LAB_PG_URL")); Statement s = c.createStatement()) {
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
}
