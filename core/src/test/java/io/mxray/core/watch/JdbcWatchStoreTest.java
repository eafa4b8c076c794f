package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcWatchStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void keepsTheWatchListAndEveryAuditAcrossReopening(@TempDir Path dir) {
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      store.put(WatchEntry.create("A.example", Duration.ofHours(1), "https://hooks.example/a", "k", T0));
      store.put(WatchEntry.create("b.example", Duration.ofMinutes(5), "", "", T0.plusSeconds(10)));
      AuditSnapshot s = new AuditSnapshot("a.example", T0, Severity.WARN,
          List.of(new FindingKey("mx.single", Severity.WARN, "a.example")), Map.of("mx", "10 mx1.a.example"),
          Map.of("mx1.a.example", T0.plus(Duration.ofDays(30))));
      long id1 = store.saveAudit(s, "{\"domain\":\"a.example\"}", T0.plus(Duration.ofHours(1)));
      long id2 = store.saveAudit(s, "{}", T0.plus(Duration.ofHours(2)));
      assertThat(id2).isGreaterThan(id1);
    }
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      assertThat(store.list()).extracting(WatchEntry::domain).containsExactly("a.example", "b.example");
      assertThat(store.get("a.example").orElseThrow().nextRunAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
      assertThat(store.due(T0.plusSeconds(30))).extracting(WatchEntry::domain).containsExactly("b.example");
      List<StoredAudit> h = store.history("a.example", 10);
      assertThat(h).hasSize(2);
      assertThat(h.get(0).id()).isGreaterThan(h.get(1).id());
      AuditSnapshot back = h.get(1).snapshot();
      assertThat(back.findings()).containsExactly(new FindingKey("mx.single", Severity.WARN, "a.example"));
      assertThat(back.records()).containsEntry("mx", "10 mx1.a.example");
      assertThat(back.certificates()).containsEntry("mx1.a.example", T0.plus(Duration.ofDays(30)));
      assertThat(store.reportJson(h.get(1).id())).contains("{\"domain\":\"a.example\"}");
      assertThat(store.latestPerDomain()).extracting(StoredAudit::id).containsExactly(h.get(0).id());
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
  void rejectsBadEntriesWithOneLineReasons() {
    assertThatThrownBy(() -> WatchEntry.create("a.example", Duration.ofSeconds(5), "", "", T0))
        .hasMessageContaining("between 1m and 7d");
    assertThatThrownBy(() -> WatchEntry.create("a.example", Duration.ofHours(1), "file:///etc/passwd", "", T0))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> JdbcWatchStore.open("jdbc:mysql://db.example/x")).isInstanceOf(WatchStoreException.class);
  }
}
