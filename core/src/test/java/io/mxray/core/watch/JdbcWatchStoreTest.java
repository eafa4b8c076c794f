package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcWatchStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void keepsTheWatchListAndEveryAuditAcrossReopening(@TempDir Path dir) {
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      store.put(
          WatchEntry.create("A.example", Duration.ofHours(1), "https://hooks.example/a", "k", T0));
      store.put(WatchEntry.create("b.example", Duration.ofMinutes(5), "", "", T0.plusSeconds(10)));
      AuditSnapshot s =
          new AuditSnapshot(
              "a.example",
              T0,
              Severity.WARN,
              List.of(new FindingKey("mx.single", Severity.WARN, "a.example")),
              Map.of("mx", "10 mx1.a.example"),
              Map.of("mx1.a.example", T0.plus(Duration.ofDays(30))));
      long id1 = store.saveAudit(s, "{\"domain\":\"a.example\"}", T0.plus(Duration.ofHours(1)));
      long id2 = store.saveAudit(s, "{}", T0.plus(Duration.ofHours(2)));
      assertThat(id2).isGreaterThan(id1);
    }
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      assertThat(store.list())
          .extracting(WatchEntry::domain)
          .containsExactly("a.example", "b.example");
      assertThat(store.get("a.example").orElseThrow().nextRunAt())
          .isEqualTo(T0.plus(Duration.ofHours(2)));
      assertThat(store.due(T0.plusSeconds(30)))
          .extracting(WatchEntry::domain)
          .containsExactly("b.example");
      List<StoredAudit> h = store.history("a.example", 10);
      assertThat(h).hasSize(2);
      assertThat(h.get(0).id()).isGreaterThan(h.get(1).id());
      AuditSnapshot back = h.get(1).snapshot();
      assertThat(back.findings())
          .containsExactly(new FindingKey("mx.single", Severity.WARN, "a.example"));
      assertThat(back.records()).containsEntry("mx", "10 mx1.a.example");
      assertThat(back.certificates()).containsEntry("mx1.a.example", T0.plus(Duration.ofDays(30)));
      assertThat(store.reportJson(h.get(1).id())).contains("{\"domain\":\"a.example\"}");
      assertThat(store.latestPerDomain())
          .extracting(StoredAudit::id)
          .containsExactly(h.get(0).id());
      assertThat(store.remove("a.example")).isTrue();
      assertThat(store.remove("a.example")).isFalse();
      assertThat(store.history("a.example", 10)).hasSize(2); // history outlives the watch
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void usesTheWriteAheadLog(@TempDir Path dir) throws Exception {
    JdbcWatchStore.sqlite(dir).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mxray.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aPostgresServerThatIsDownIsOneLineWithoutTheURLsSecrets() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // closed again: nothing listens there
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/mxray?user=mxray&password=top-secret";
    assertThatThrownBy(() -> JdbcWatchStore.open(url))
        .isInstanceOf(WatchStoreException.class)
        .hasMessageStartingWith(
            "cannot open the watch database postgresql://127.0.0.1:" + port + "/mxray: ")
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "top-secret"));
  }

  @Test
  void aPostgresServerThatNeverAnswersTimesOutInOneLine() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread accepter =
          new Thread(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream()
                      .readAllBytes(); // accept, read what the client says, answer nothing
                } catch (Exception e) {
                  // closed by the client or the test
                }
              });
      accepter.setDaemon(true);
      accepter.start();
      String url =
          "jdbc:postgresql://127.0.0.1:"
              + silent.getLocalPort()
              + "/mxray?user=mxray&password=p"
              + "&socketTimeout=1&loginTimeout=5"; // the URL's timeouts win over mxray's defaults
      long start = System.nanoTime();
      assertThatThrownBy(() -> JdbcWatchStore.open(url))
          .isInstanceOf(WatchStoreException.class)
          .hasMessageContaining("no answer in time")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      accepter.interrupt();
    }
  }

  @Test
  void boundsEveryPostgresWaitUnlessTheURLSaysOtherwise() {
    Properties p = JdbcWatchStore.postgresDefaults();
    assertThat(p.getProperty("connectTimeout")).isEqualTo("10");
    assertThat(p.getProperty("loginTimeout")).isEqualTo("20");
    assertThat(p.getProperty("socketTimeout")).isEqualTo("60");
    assertThat(DatabaseErrors.redact("jdbc:postgresql://db.example:5432/mxray?user=u&password=p"))
        .isEqualTo("postgresql://db.example:5432/mxray");
    assertThat(DatabaseErrors.redact("jdbc:postgresql://u:p@db.example/mxray"))
        .isEqualTo("postgresql://db.example/mxray");
    assertThat(DatabaseErrors.redact("jdbc:sqlite:/var/lib/mxray/mxray.db"))
        .isEqualTo("sqlite:/var/lib/mxray/mxray.db");
  }

  @Test
  void rejectsBadEntriesWithOneLineReasons() {
    assertThatThrownBy(() -> WatchEntry.create("a.example", Duration.ofSeconds(5), "", "", T0))
        .hasMessageContaining("between 1m and 7d");
    assertThatThrownBy(
            () -> WatchEntry.create("a.example", Duration.ofHours(1), "file:///etc/passwd", "", T0))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> JdbcWatchStore.open("jdbc:mysql://db.example/x"))
        .isInstanceOf(WatchStoreException.class);
  }
}
