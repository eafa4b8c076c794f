package io.mxray.core.watch;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link WatchStore} over JDBC: SQLite (the default, a file under the data directory, WAL journal
 * so a killed process never corrupts it and readers never block the writer) or PostgreSQL ({@code
 * jdbc:postgresql://…}). One connection, methods synchronized; several processes may use one
 * database at once (SQLite waits up to 10 s for another process's write, PostgreSQL is built for
 * it).
 *
 * <p>The SQL is the same for both but for a few dialect points, kept here: the id column ({@code
 * INTEGER PRIMARY KEY AUTOINCREMENT} / {@code BIGSERIAL}); domain names compared in byte order
 * ({@code COLLATE "C"} on PostgreSQL, whose default collation sorts by language rules); the schema
 * created in one transaction under an advisory lock on PostgreSQL, where concurrent {@code CREATE
 * TABLE IF NOT EXISTS} collide; connection timeouts; and reconnecting after a lost PostgreSQL
 * connection (a restarted server) on the next call. Text never holds U+0000, which PostgreSQL
 * cannot store: it becomes U+FFFD (see {@link AuditSnapshot}).
 */
public final class JdbcWatchStore implements WatchStore {

  static final int SCHEMA_VERSION = 1;

  /**
   * Longest report document kept (a report is a few kB; this guards the database, not the user).
   */
  static final int MAX_REPORT_CHARS = 4 * 1024 * 1024;

  /** The PostgreSQL advisory lock held while one process creates the schema ("mxray" in ASCII). */
  private static final long SCHEMA_LOCK = 0x6d78726179L;

  private final String url;
  private final boolean sqlite;
  private Connection db;
  private boolean lost;
  private boolean closed;

  private JdbcWatchStore(String url, boolean sqlite) {
    this.url = url;
    this.sqlite = sqlite;
  }

  /** The SQLite database file {@code mxray.db} in {@code dataDir} (created with its directory). */
  public static JdbcWatchStore sqlite(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new WatchStoreException(
          "cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + dataDir.resolve("mxray.db").toAbsolutePath());
  }

  /**
   * Opens {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…} and creates the schema if needed.
   * For PostgreSQL the {@link #postgresDefaults() default timeouts} apply unless the URL sets its
   * own.
   *
   * @throws WatchStoreException with a one-line reason (refused, wrong password, timed out, newer
   *     schema, …)
   */
  public static JdbcWatchStore open(String url) {
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
      throw new WatchStoreException(
          "unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://…)", null);
    }
    JdbcWatchStore store = new JdbcWatchStore(url, sqlite);
    store.db = store.connect();
    return store;
  }

  /**
   * Connection properties for PostgreSQL; parameters in the URL take precedence. Every wait is
   * bounded: a server that is down, unreachable or stops answering is an error within seconds,
   * never a hang.
   */
  public static Properties postgresDefaults() {
    Properties p = new Properties();
    p.setProperty("connectTimeout", "10"); // seconds to establish the TCP connection
    p.setProperty("loginTimeout", "20"); // seconds for the whole login (TLS, authentication)
    p.setProperty(
        "socketTimeout", "60"); // seconds any one answer may take (every statement here is small)
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "mxray");
    return p;
  }

  private Connection connect() {
    Connection c = null;
    try {
      c = DriverManager.getConnection(url, sqlite ? new Properties() : postgresDefaults());
      init(c);
      return c;
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the first error is the one to report
        }
      }
      throw new WatchStoreException(
          "cannot open the watch database "
              + DatabaseErrors.redact(url)
              + ": "
              + DatabaseErrors.reason(e),
          e);
    }
  }

  private void init(Connection c) throws SQLException {
    if (sqlite) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "PRAGMA busy_timeout=10000"); // first: wait for another process's write, then set the
        // rest
        s.execute("PRAGMA journal_mode=WAL");
        s.execute(
            "PRAGMA synchronous=NORMAL"); // with WAL: durable across process crashes, atomic always
        s.execute("PRAGMA foreign_keys=ON");
      }
    }
    int found = schemaVersion(c);
    if (found > SCHEMA_VERSION) {
      throw new SQLException("the database was written by a newer mxray (schema " + found + ")");
    }
    if (found == SCHEMA_VERSION) {
      return; // an existing database: nothing to create (and no CREATE privilege needed)
    }
    if (sqlite) {
      createSchema(c); // SQLite runs each statement under its database-wide write lock
      return;
    }
    // PostgreSQL: concurrent CREATE TABLE IF NOT EXISTS of one table fail with a duplicate key in
    // the
    // catalogue, so one process creates the schema at a time, in one transaction.
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
      }
      createSchema(c);
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is closed on the way out; the first error is the one to report
      }
      throw e;
    }
    c.setAutoCommit(true);
  }

  /** The schema version recorded in the database; 0 when it has no mxray tables yet. */
  private static int schemaVersion(Connection c) {
    try (PreparedStatement p = c.prepareStatement("SELECT v FROM mxray_meta WHERE k = 'schema'");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
    } catch (SQLException | NumberFormatException e) {
      return 0; // no such table: an empty database (any other problem shows when creating the
      // schema)
    }
  }

  private void createSchema(Connection c) throws SQLException {
    String id = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    // Domain names compare and sort in byte order, as in SQLite, whatever the database's collation.
    String name = sqlite ? "TEXT" : "TEXT COLLATE \"C\"";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS mxray_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS watch (domain "
              + name
              + " PRIMARY KEY, every_s BIGINT NOT NULL,"
              + " webhook TEXT NOT NULL, secret TEXT NOT NULL, added_ms BIGINT NOT NULL, next_ms BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS audit (id "
              + id
              + ", domain "
              + name
              + " NOT NULL, at_ms BIGINT NOT NULL,"
              + " severity TEXT NOT NULL, report TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS audit_domain ON audit (domain, id)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS audit_finding (audit_id BIGINT NOT NULL REFERENCES audit(id)"
              + " ON DELETE CASCADE, code TEXT NOT NULL, severity TEXT NOT NULL, subject TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS audit_finding_audit ON audit_finding (audit_id)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS audit_record (audit_id BIGINT NOT NULL REFERENCES audit(id)"
              + " ON DELETE CASCADE, name TEXT NOT NULL, value TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS audit_record_audit ON audit_record (audit_id)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS audit_cert (audit_id BIGINT NOT NULL REFERENCES audit(id)"
              + " ON DELETE CASCADE, host TEXT NOT NULL, not_after_ms BIGINT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS audit_cert_audit ON audit_cert (audit_id)");
    }
    // Another process may have recorded the version since we looked: keep its row.
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO mxray_meta (k, v) VALUES ('schema', ?) ON CONFLICT (k) DO NOTHING")) {
      ins.setString(1, Integer.toString(SCHEMA_VERSION));
      ins.executeUpdate();
    }
    int v = schemaVersion(c);
    if (v != SCHEMA_VERSION) {
      throw new SQLException(
          v > SCHEMA_VERSION
              ? "the database was written by a newer mxray (schema " + v + ")"
              : "the schema was not recorded");
    }
  }

  /**
   * Before each call: a PostgreSQL connection found lost (server restarted, network cut) is opened
   * anew, so a long-running scheduler or web server recovers; the call that met the loss has
   * already failed.
   */
  private void reconnectIfLost() {
    if (sqlite || closed) {
      return;
    }
    boolean gone;
    try {
      gone = db.isClosed();
    } catch (SQLException e) {
      gone = true;
    }
    if (lost || gone) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // it is gone either way
      }
      db = connect();
      lost = false;
    }
  }

  @Override
  public synchronized void put(WatchEntry e) {
    reconnectIfLost();
    String sql =
        "INSERT INTO watch (domain, every_s, webhook, secret, added_ms, next_ms) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (domain) DO UPDATE SET every_s = excluded.every_s, webhook = excluded.webhook,"
            + " secret = excluded.secret, next_ms = excluded.next_ms";
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(
          p,
          e.domain(),
          e.every().getSeconds(),
          e.webhook(),
          e.secret(),
          e.addedAt().toEpochMilli(),
          e.nextRunAt().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException ex) {
      throw fail("saving the watch entry for " + e.domain(), ex);
    }
  }

  @Override
  public synchronized boolean remove(String domain) {
    reconnectIfLost();
    try (PreparedStatement p = db.prepareStatement("DELETE FROM watch WHERE domain = ?")) {
      bind(p, domain);
      return p.executeUpdate() > 0;
    } catch (SQLException ex) {
      throw fail("removing " + domain, ex);
    }
  }

  @Override
  public synchronized Optional<WatchEntry> get(String domain) {
    reconnectIfLost();
    List<WatchEntry> l = entries("SELECT * FROM watch WHERE domain = ?", domain);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public synchronized List<WatchEntry> list() {
    reconnectIfLost();
    return entries("SELECT * FROM watch ORDER BY domain");
  }

  @Override
  public synchronized List<WatchEntry> due(Instant now) {
    reconnectIfLost();
    return entries(
        "SELECT * FROM watch WHERE next_ms <= ? ORDER BY next_ms, domain", now.toEpochMilli());
  }

  private List<WatchEntry> entries(String sql, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      ResultSet rs = p.executeQuery();
      List<WatchEntry> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new WatchEntry(
                rs.getString("domain"),
                Duration.ofSeconds(rs.getLong("every_s")),
                rs.getString("webhook"),
                rs.getString("secret"),
                Instant.ofEpochMilli(rs.getLong("added_ms")),
                Instant.ofEpochMilli(rs.getLong("next_ms"))));
      }
      return out;
    } catch (SQLException ex) {
      throw fail("reading the watch list", ex);
    }
  }

  @Override
  public synchronized long saveAudit(AuditSnapshot s, String reportJson, Instant nextRunAt) {
    reconnectIfLost();
    String report = reportJson.length() > MAX_REPORT_CHARS ? "" : reportJson;
    try {
      db.setAutoCommit(false);
      long id;
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO audit (domain, at_ms, severity, report) VALUES (?, ?, ?, ?)",
              new String[] {"id"})) {
        bind(p, s.domain(), s.auditedAt().toEpochMilli(), s.severity().id(), report);
        p.executeUpdate();
        ResultSet keys = p.getGeneratedKeys();
        if (!keys.next()) {
          throw new SQLException("no id for the new audit");
        }
        id = keys.getLong(1);
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO audit_finding (audit_id, code, severity, subject) VALUES (?, ?, ?, ?)")) {
        for (FindingKey f : s.findings()) {
          bind(p, id, f.code(), f.severity().id(), f.subject());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO audit_record (audit_id, name, value) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, String> r : s.records().entrySet()) {
          bind(p, id, r.getKey(), r.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO audit_cert (audit_id, host, not_after_ms) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, Instant> c : s.certificates().entrySet()) {
          bind(p, id, c.getKey(), c.getValue().toEpochMilli());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          db.prepareStatement("UPDATE watch SET next_ms = ? WHERE domain = ?")) {
        bind(p, nextRunAt.toEpochMilli(), s.domain());
        p.executeUpdate();
      }
      db.commit();
      return id;
    } catch (SQLException ex) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the original error is the one to report
      }
      throw fail("saving an audit of " + s.domain(), ex);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // connection broken: the next call reports it
      }
    }
  }

  @Override
  public synchronized List<StoredAudit> history(String domain, int limit) {
    reconnectIfLost();
    return audits(
        "SELECT id, domain, at_ms, severity FROM audit WHERE domain = ? ORDER BY id DESC LIMIT ?",
        domain,
        Math.max(1, Math.min(limit, 10_000)));
  }

  @Override
  public synchronized Optional<StoredAudit> audit(long id) {
    reconnectIfLost();
    List<StoredAudit> l = audits("SELECT id, domain, at_ms, severity FROM audit WHERE id = ?", id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public synchronized List<StoredAudit> latestPerDomain() {
    reconnectIfLost();
    return audits(
        "SELECT id, domain, at_ms, severity FROM audit WHERE id IN (SELECT MAX(id) FROM audit GROUP BY domain)"
            + " ORDER BY domain");
  }

  @Override
  public synchronized Optional<String> reportJson(long id) {
    reconnectIfLost();
    try (PreparedStatement p = db.prepareStatement("SELECT report FROM audit WHERE id = ?")) {
      bind(p, id);
      ResultSet rs = p.executeQuery();
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException ex) {
      throw fail("reading audit " + id, ex);
    }
  }

  private List<StoredAudit> audits(String sql, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      ResultSet rs = p.executeQuery();
      List<long[]> ids = new ArrayList<>();
      List<Object[]> heads = new ArrayList<>();
      while (rs.next()) {
        ids.add(new long[] {rs.getLong(1)});
        heads.add(
            new Object[] {
              rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), Severity.fromId(rs.getString(4))
            });
      }
      List<StoredAudit> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        long id = ids.get(i)[0];
        Object[] h = heads.get(i);
        out.add(
            new StoredAudit(
                id,
                new AuditSnapshot(
                    (String) h[0],
                    (Instant) h[1],
                    (Severity) h[2],
                    findings(id),
                    records(id),
                    certificates(id))));
      }
      return out;
    } catch (SQLException ex) {
      throw fail("reading audits", ex);
    }
  }

  private List<FindingKey> findings(long id) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT code, severity, subject FROM audit_finding WHERE audit_id = ?")) {
      bind(p, id);
      ResultSet rs = p.executeQuery();
      List<FindingKey> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new FindingKey(rs.getString(1), Severity.fromId(rs.getString(2)), rs.getString(3)));
      }
      return out;
    }
  }

  private Map<String, String> records(long id) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT name, value FROM audit_record WHERE audit_id = ?")) {
      bind(p, id);
      ResultSet rs = p.executeQuery();
      Map<String, String> out = new LinkedHashMap<>();
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    }
  }

  private Map<String, Instant> certificates(long id) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT host, not_after_ms FROM audit_cert WHERE audit_id = ?")) {
      bind(p, id);
      ResultSet rs = p.executeQuery();
      Map<String, Instant> out = new LinkedHashMap<>();
      while (rs.next()) {
        out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
      }
      return out;
    }
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Long l) {
        p.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        p.setInt(i + 1, n);
      } else {
        p.setString(i + 1, AuditSnapshot.storable((String) a));
      }
    }
  }

  /** SQLite's own check of the file: "ok" when the database is sound. */
  public synchronized String integrityCheck() {
    reconnectIfLost();
    if (!sqlite) {
      return "ok";
    }
    try (Statement s = db.createStatement()) {
      ResultSet rs = s.executeQuery("PRAGMA integrity_check");
      return rs.next() ? rs.getString(1) : "no answer";
    } catch (SQLException ex) {
      throw fail("checking the database", ex);
    }
  }

  private WatchStoreException fail(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    // 08: connection exceptions; 57P0x: the server shut down or terminated this session.
    if (state.startsWith("08") || state.startsWith("57P0")) {
      lost = true;
    }
    return new WatchStoreException(what + " failed: " + DatabaseErrors.reason(e), e);
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing useful to do
    }
  }
}
