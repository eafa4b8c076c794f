package io.mxray.core.feedback;

import io.mxray.core.feedback.FeedbackReport.DateRange;
import io.mxray.core.feedback.FeedbackReport.Kind;
import io.mxray.core.watch.DatabaseErrors;
import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.core.watch.WatchStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link FeedbackStore} over JDBC, beside the watch list in the same database: SQLite ({@code
 * mxray.db} in the data directory, WAL) or PostgreSQL. The connection settings, timeouts and error
 * wording are the watch store's ({@link JdbcWatchStore#postgresDefaults()}, {@link
 * DatabaseErrors}); the dialect differs in the same few points (id column, binary column,
 * byte-order collation of domain names, schema creation under an advisory lock). Its tables carry
 * their own schema version ({@code feedback-schema} in {@code mxray_meta}).
 */
public final class JdbcFeedbackStore implements FeedbackStore {

  static final int SCHEMA_VERSION = 1;

  /** The PostgreSQL advisory lock held while one process creates these tables. */
  private static final long SCHEMA_LOCK = 0x6d78726179_02L;

  private final String url;
  private final boolean sqlite;
  private final FeedbackReader reader;
  private Connection db;
  private boolean lost;
  private boolean closed;

  private JdbcFeedbackStore(String url, boolean sqlite, FeedbackReader reader) {
    this.url = url;
    this.sqlite = sqlite;
    this.reader = reader;
  }

  /** The SQLite database {@code mxray.db} in {@code dataDir}, shared with the watch list. */
  public static JdbcFeedbackStore sqlite(Path dataDir, FeedbackReader reader) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new WatchStoreException(
          "cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + dataDir.resolve("mxray.db").toAbsolutePath(), reader);
  }

  /** Opens {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…} and creates the tables. */
  public static JdbcFeedbackStore open(String url, FeedbackReader reader) {
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
      throw new WatchStoreException(
          "unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://…)", null);
    }
    JdbcFeedbackStore s = new JdbcFeedbackStore(url, sqlite, reader);
    s.db = s.connect();
    return s;
  }

  private Connection connect() {
    Connection c = null;
    try {
      c =
          DriverManager.getConnection(
              url, sqlite ? new Properties() : JdbcWatchStore.postgresDefaults());
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
          "cannot open the report database "
              + DatabaseErrors.redact(url)
              + ": "
              + DatabaseErrors.reason(e),
          e);
    }
  }

  private void init(Connection c) throws SQLException {
    if (sqlite) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
      }
    }
    if (schemaVersion(c) == SCHEMA_VERSION) {
      return;
    }
    if (sqlite) {
      createSchema(c);
      return;
    }
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
        // reported below
      }
      throw e;
    }
    c.setAutoCommit(true);
  }

  private static int schemaVersion(Connection c) {
    try (PreparedStatement p =
            c.prepareStatement("SELECT v FROM mxray_meta WHERE k = 'feedback-schema'");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
    } catch (SQLException | NumberFormatException e) {
      return 0;
    }
  }

  private void createSchema(Connection c) throws SQLException {
    String id = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    String name = sqlite ? "TEXT" : "TEXT COLLATE \"C\"";
    String blob = sqlite ? "BLOB" : "BYTEA";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS mxray_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS feedback_input (id "
              + id
              + ", sha256 TEXT NOT NULL UNIQUE, received_ms BIGINT NOT NULL, source TEXT NOT NULL, raw "
              + blob
              + " NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS feedback_report (id "
              + id
              + ", input_id BIGINT NOT NULL REFERENCES feedback_input(id) ON DELETE CASCADE,"
              + " kind TEXT NOT NULL, org TEXT NOT NULL, report_id TEXT NOT NULL, domain "
              + name
              + " NOT NULL, begin_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL, received_ms BIGINT NOT NULL,"
              + " messages BIGINT NOT NULL, UNIQUE (kind, org, report_id))");
      s.execute(
          "CREATE INDEX IF NOT EXISTS feedback_report_domain ON feedback_report (domain, end_ms)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS feedback_source (domain "
              + name
              + " NOT NULL, ip TEXT NOT NULL, first_ms BIGINT NOT NULL, PRIMARY KEY (domain, ip))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS mail_test (token TEXT PRIMARY KEY, address TEXT NOT NULL,"
              + " created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, received_ms BIGINT,"
              + " result TEXT NOT NULL)");
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO mxray_meta (k, v) VALUES ('feedback-schema', ?) ON CONFLICT (k) DO NOTHING")) {
      ins.setString(1, Integer.toString(SCHEMA_VERSION));
      ins.executeUpdate();
    }
    int v = schemaVersion(c);
    if (v != SCHEMA_VERSION) {
      throw new SQLException(
          v > SCHEMA_VERSION
              ? "the database was written by a newer mxray (report schema " + v + ")"
              : "the report schema was not recorded");
    }
  }

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
        // gone either way
      }
      db = connect();
      lost = false;
    }
  }

  private WatchStoreException fail(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("08") || state.startsWith("57P0")) {
      lost = true;
    }
    return new WatchStoreException(what + " failed: " + DatabaseErrors.reason(e), e);
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static long messages(FeedbackReport r) {
    if (r instanceof AggregateReport a) {
      return a.messages();
    }
    if (r instanceof TlsReport t) {
      return t.successfulSessions() + t.failedSessions();
    }
    return 1;
  }

  /** U+0000 cannot be stored in PostgreSQL text; report text is attacker controlled. */
  private static String text(String s) {
    return s.indexOf('\u0000') >= 0 ? s.replace('\u0000', '\ufffd') : s;
  }

  @Override
  public synchronized List<Added> add(
      String source, byte[] input, List<FeedbackReport> reports, Instant receivedAt) {
    reconnectIfLost();
    List<Added> out = new ArrayList<>();
    try {
      db.setAutoCommit(false);
      String digest = sha256(input);
      long inputId = 0;
      try (PreparedStatement p =
          db.prepareStatement("SELECT id FROM feedback_input WHERE sha256 = ?")) {
        p.setString(1, digest);
        ResultSet rs = p.executeQuery();
        if (rs.next()) {
          inputId = rs.getLong(1);
        }
      }
      for (FeedbackReport r : reports) {
        Optional<Long> existing = existing(r);
        if (existing.isPresent()) {
          out.add(new Added(existing.get(), true));
          continue;
        }
        if (inputId == 0) {
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO feedback_input (sha256, received_ms, source, raw) VALUES (?, ?, ?, ?)",
                  new String[] {"id"})) {
            p.setString(1, digest);
            p.setLong(2, receivedAt.toEpochMilli());
            p.setString(3, text(source));
            p.setBytes(4, input);
            p.executeUpdate();
            ResultSet keys = p.getGeneratedKeys();
            keys.next();
            inputId = keys.getLong(1);
          }
        }
        try (PreparedStatement p =
            db.prepareStatement(
                "INSERT INTO feedback_report (input_id, kind, org, report_id, domain, begin_ms, end_ms,"
                    + " received_ms, messages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
          p.setLong(1, inputId);
          p.setString(2, r.kind().id());
          p.setString(3, text(r.orgName()));
          p.setString(4, text(r.reportId()));
          p.setString(5, text(r.policyDomain()));
          p.setLong(6, r.dateRange().begin().toEpochMilli());
          p.setLong(7, r.dateRange().end().toEpochMilli());
          p.setLong(8, receivedAt.toEpochMilli());
          p.setLong(9, messages(r));
          p.executeUpdate();
          ResultSet keys = p.getGeneratedKeys();
          keys.next();
          out.add(new Added(keys.getLong(1), false));
        }
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // report the first error
      }
      throw fail("storing reports from " + source, e);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the next call reports a broken connection
      }
    }
  }

  private Optional<Long> existing(FeedbackReport r) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT id FROM feedback_report WHERE kind = ? AND org = ? AND report_id = ?")) {
      p.setString(1, r.kind().id());
      p.setString(2, text(r.orgName()));
      p.setString(3, text(r.reportId()));
      ResultSet rs = p.executeQuery();
      return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
    }
  }

  private static final String SUMMARY =
      "SELECT id, kind, org, report_id, domain, begin_ms, end_ms, received_ms, messages FROM feedback_report";

  private static StoredReport summary(ResultSet rs) throws SQLException {
    return new StoredReport(
        rs.getLong(1),
        Kind.fromId(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        new DateRange(Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7))),
        Instant.ofEpochMilli(rs.getLong(8)),
        rs.getLong(9));
  }

  @Override
  public synchronized List<StoredReport> list(String domain, Instant since, int limit) {
    reconnectIfLost();
    String sql =
        SUMMARY
            + " WHERE end_ms >= ?"
            + (domain.isEmpty() ? "" : " AND domain = ?")
            + " ORDER BY end_ms DESC, id DESC LIMIT ?";
    try (PreparedStatement p = db.prepareStatement(sql)) {
      int i = 1;
      p.setLong(i++, since.toEpochMilli());
      if (!domain.isEmpty()) {
        p.setString(i++, domain);
      }
      p.setInt(i, Math.max(1, Math.min(limit, 10_000)));
      ResultSet rs = p.executeQuery();
      List<StoredReport> out = new ArrayList<>();
      while (rs.next()) {
        out.add(summary(rs));
      }
      return out;
    } catch (SQLException e) {
      throw fail("listing reports", e);
    }
  }

  @Override
  public synchronized Optional<StoredReport> summary(long id) {
    reconnectIfLost();
    try (PreparedStatement p = db.prepareStatement(SUMMARY + " WHERE id = ?")) {
      p.setLong(1, id);
      ResultSet rs = p.executeQuery();
      return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
    } catch (SQLException e) {
      throw fail("reading report " + id, e);
    }
  }

  @Override
  public Optional<FeedbackReport> report(long id) {
    Optional<StoredReport> s = summary(id);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    byte[] raw;
    String source;
    synchronized (this) {
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT i.raw, i.source FROM feedback_input i JOIN feedback_report r ON r.input_id = i.id"
                  + " WHERE r.id = ?")) {
        p.setLong(1, id);
        ResultSet rs = p.executeQuery();
        if (!rs.next()) {
          return Optional.empty();
        }
        raw = rs.getBytes(1);
        source = rs.getString(2);
      } catch (SQLException e) {
        throw fail("reading report " + id, e);
      }
    }
    return pick(reader.read(source, raw).reports(), s.get());
  }

  private static Optional<FeedbackReport> pick(List<FeedbackReport> parsed, StoredReport s) {
    return parsed.stream()
        .filter(
            r ->
                r.kind() == s.kind()
                    && text(r.orgName()).equals(s.orgName())
                    && text(r.reportId()).equals(s.reportId()))
        .findFirst();
  }

  @Override
  public List<FeedbackReport> reports(Kind kind, String domain, Instant from, Instant to) {
    Map<Long, List<StoredReport>> byInput = new HashMap<>();
    Map<Long, byte[]> raws = new HashMap<>();
    synchronized (this) {
      reconnectIfLost();
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT r.id, r.kind, r.org, r.report_id, r.domain, r.begin_ms, r.end_ms, r.received_ms,"
                  + " r.messages, r.input_id FROM feedback_report r WHERE r.kind = ? AND r.domain = ?"
                  + " AND r.end_ms > ? AND r.begin_ms < ? ORDER BY r.begin_ms, r.id LIMIT 20000")) {
        p.setString(1, kind.id());
        p.setString(2, domain);
        p.setLong(3, from.toEpochMilli());
        p.setLong(4, to.toEpochMilli());
        ResultSet rs = p.executeQuery();
        while (rs.next()) {
          byInput.computeIfAbsent(rs.getLong(10), k -> new ArrayList<>()).add(summary(rs));
        }
        for (Long inputId : byInput.keySet()) {
          try (PreparedStatement q =
              db.prepareStatement("SELECT raw FROM feedback_input WHERE id = ?")) {
            q.setLong(1, inputId);
            ResultSet r2 = q.executeQuery();
            if (r2.next()) {
              raws.put(inputId, r2.getBytes(1));
            }
          }
        }
      } catch (SQLException e) {
        throw fail("reading reports of " + domain, e);
      }
    }
    List<FeedbackReport> out = new ArrayList<>();
    for (Map.Entry<Long, List<StoredReport>> e : byInput.entrySet()) {
      byte[] raw = raws.get(e.getKey());
      if (raw == null) {
        continue;
      }
      List<FeedbackReport> parsed = reader.read("stored", raw).reports();
      for (StoredReport s : e.getValue()) {
        pick(parsed, s).ifPresent(out::add);
      }
    }
    out.sort(java.util.Comparator.comparing(r -> r.dateRange().begin()));
    return out;
  }

  @Override
  public synchronized List<String> domains() {
    reconnectIfLost();
    try (PreparedStatement p =
        db.prepareStatement("SELECT DISTINCT domain FROM feedback_report ORDER BY domain")) {
      ResultSet rs = p.executeQuery();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw fail("listing report domains", e);
    }
  }

  @Override
  public synchronized boolean markFailingSource(String domain, String ip, Instant at) {
    reconnectIfLost();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO feedback_source (domain, ip, first_ms) VALUES (?, ?, ?)"
                + " ON CONFLICT (domain, ip) DO NOTHING")) {
      p.setString(1, domain);
      p.setString(2, text(ip));
      p.setLong(3, at.toEpochMilli());
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw fail("recording a failing source of " + domain, e);
    }
  }

  @Override
  public synchronized void putTest(MailTest t) {
    reconnectIfLost();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO mail_test (token, address, created_ms, expires_ms, received_ms, result)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, t.token());
      p.setString(2, t.address());
      p.setLong(3, t.createdAt().toEpochMilli());
      p.setLong(4, t.expiresAt().toEpochMilli());
      if (t.receivedAt().isPresent()) {
        p.setLong(5, t.receivedAt().get().toEpochMilli());
      } else {
        p.setNull(5, java.sql.Types.BIGINT);
      }
      p.setString(6, text(t.resultJson()));
      p.executeUpdate();
    } catch (SQLException e) {
      throw fail("saving a test address", e);
    }
  }

  @Override
  public synchronized Optional<MailTest> test(String token) {
    reconnectIfLost();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT token, address, created_ms, expires_ms, received_ms, result FROM mail_test WHERE token = ?")) {
      p.setString(1, token);
      ResultSet rs = p.executeQuery();
      if (!rs.next()) {
        return Optional.empty();
      }
      long received = rs.getLong(5);
      boolean none = rs.wasNull();
      return Optional.of(
          new MailTest(
              rs.getString(1),
              rs.getString(2),
              Instant.ofEpochMilli(rs.getLong(3)),
              Instant.ofEpochMilli(rs.getLong(4)),
              none ? Optional.empty() : Optional.of(Instant.ofEpochMilli(received)),
              rs.getString(6)));
    } catch (SQLException e) {
      throw fail("reading a test", e);
    }
  }

  @Override
  public synchronized boolean completeTest(String token, Instant receivedAt, String resultJson) {
    reconnectIfLost();
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE mail_test SET received_ms = ?, result = ? WHERE token = ? AND received_ms IS NULL"
                + " AND expires_ms > ?")) {
      p.setLong(1, receivedAt.toEpochMilli());
      p.setString(2, text(resultJson));
      p.setString(3, token);
      p.setLong(4, receivedAt.toEpochMilli());
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw fail("saving a test result", e);
    }
  }

  @Override
  public synchronized int expireTests(Instant now) {
    reconnectIfLost();
    try (PreparedStatement p = db.prepareStatement("DELETE FROM mail_test WHERE expires_ms <= ?")) {
      p.setLong(1, now.toEpochMilli());
      return p.executeUpdate();
    } catch (SQLException e) {
      throw fail("expiring tests", e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      db.close();
    } catch (SQLException e) {
      // closing anyway
    }
  }
}
