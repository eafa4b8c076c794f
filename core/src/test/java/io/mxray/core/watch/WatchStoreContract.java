package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditDiff.RecordChange;
import io.mxray.core.watch.AuditDiff.SeverityChange;
import io.mxray.core.watch.AuditSnapshot.FindingKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcWatchStore} must do, run against SQLite ({@code
 * SqliteWatchStoreTest}, unit) and PostgreSQL ({@code PostgresWatchStoreIT} in the CLI module,
 * against the lab's server). Subclasses hand out empty databases.
 */
public abstract class WatchStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  /** The JDBC URL of a new, empty database (or schema) for one test. */
  protected abstract String emptyDatabase() throws Exception;

  /** A plain connection to the database at {@code url}, for looking under the store. */
  protected Connection raw(String url) throws Exception {
    return DriverManager.getConnection(url);
  }

  private static WatchEntry entry(String domain, Instant next) {
    return new WatchEntry(domain, Duration.ofHours(1), "", "", T0, next);
  }

  private static AuditSnapshot snapshot(
      String domain,
      Instant at,
      Severity severity,
      List<FindingKey> findings,
      Map<String, String> records) {
    return new AuditSnapshot(domain, at, severity, findings, records, Map.of());
  }

  @Test
  void createsTheSchemaInAnEmptyDatabaseAndOpensItAgain() throws Exception {
    String url = emptyDatabase();
    long id;
    try (JdbcWatchStore store = JdbcWatchStore.open(url)) {
      assertThat(store.list()).isEmpty();
      assertThat(store.latestPerDomain()).isEmpty();
      store.put(entry("a.example", T0));
      id =
          store.saveAudit(
              snapshot("a.example", T0, Severity.PASS, List.of(), Map.of()),
              "{}",
              T0.plusSeconds(60));
    }
    try (JdbcWatchStore store = JdbcWatchStore.open(url)) {
      assertThat(store.list()).extracting(WatchEntry::domain).containsExactly("a.example");
      assertThat(store.history("a.example", 10)).extracting(StoredAudit::id).containsExactly(id);
      long id2 =
          store.saveAudit(
              snapshot("a.example", T0.plusSeconds(60), Severity.PASS, List.of(), Map.of()),
              "{}",
              T0.plusSeconds(120));
      assertThat(id2).isGreaterThan(id);
    }
    try (Connection c = raw(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT k, v FROM mxray_meta")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("schema");
      assertThat(rs.getString(2)).isEqualTo(Integer.toString(JdbcWatchStore.SCHEMA_VERSION));
      assertThat(rs.next()).as("one schema row after opening twice").isFalse();
    }
  }

  @Test
  void refusesADatabaseWrittenByANewerMxrayInOneLine() throws Exception {
    String url = emptyDatabase();
    JdbcWatchStore.open(url).close();
    try (Connection c = raw(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE mxray_meta SET v = '99' WHERE k = 'schema'");
    }
    assertThatThrownBy(() -> JdbcWatchStore.open(url))
        .isInstanceOf(WatchStoreException.class)
        .hasMessageContaining("written by a newer mxray (schema 99)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void addsReplacesListsAndRemovesWatchesInByteOrder() throws Exception {
    try (JdbcWatchStore store = JdbcWatchStore.open(emptyDatabase())) {
      // A language collation sorts these differently (it skips '-' and '.'); the store sorts bytes.
      List<String> domains =
          List.of(
              "b.example",
              "ab.example",
              "a-c.example",
              "a.example",
              "a0.example",
              "xn--bcher-kva.example");
      for (String d : domains) {
        store.put(entry(d, T0));
      }
      assertThat(store.list())
          .extracting(WatchEntry::domain)
          .containsExactlyElementsOf(domains.stream().sorted().toList());

      store.put(
          new WatchEntry(
              "a.example",
              Duration.ofMinutes(5),
              "https://hooks.example/ü",
              "sécret",
              T0,
              T0.plusSeconds(300)));
      assertThat(store.list()).hasSize(domains.size());
      WatchEntry a = store.get("a.example").orElseThrow();
      assertThat(a)
          .isEqualTo(
              new WatchEntry(
                  "a.example",
                  Duration.ofMinutes(5),
                  "https://hooks.example/ü",
                  "sécret",
                  T0,
                  T0.plusSeconds(300)));

      assertThat(store.remove("a.example")).isTrue();
      assertThat(store.remove("a.example")).isFalse();
      assertThat(store.get("a.example")).isEmpty();
      assertThat(store.list())
          .extracting(WatchEntry::domain)
          .doesNotContain("a.example")
          .hasSize(domains.size() - 1);
    }
  }

  @Test
  void listsDueEntriesEarliestFirstThenByName() throws Exception {
    try (JdbcWatchStore store = JdbcWatchStore.open(emptyDatabase())) {
      store.put(entry("late.example", T0.plusSeconds(10)));
      store.put(entry("a.example", T0));
      store.put(entry("a-b.example", T0));
      store.put(entry("later.example", T0.plus(Duration.ofHours(1))));
      assertThat(store.due(T0.minusMillis(1))).isEmpty();
      assertThat(store.due(T0.plusSeconds(10)))
          .extracting(WatchEntry::domain)
          .containsExactly("a-b.example", "a.example", "late.example");
    }
  }

  @Test
  void storesAuditsAndReadsTheHistoryNewestFirst() throws Exception {
    try (JdbcWatchStore store = JdbcWatchStore.open(emptyDatabase())) {
      store.put(entry("a.example", T0));
      store.put(entry("b.example", T0));
      List<Long> ids = new ArrayList<>();
      List<AuditSnapshot> saved = new ArrayList<>();
      Severity[] severities = {
        Severity.PASS, Severity.WARN, Severity.FAIL, Severity.INCONCLUSIVE, Severity.INFO
      };
      for (int i = 0; i < 5; i++) {
        AuditSnapshot s =
            new AuditSnapshot(
                "a.example",
                T0.plus(Duration.ofHours(i)).plusMillis(i),
                severities[i],
                List.of(
                    new FindingKey("mx.single", Severity.WARN, "a.example"),
                    new FindingKey("ptr.missing", severities[i], "192.0.2." + i)),
                Map.of("mx", "10 mx" + i + ".a.example", "spf", "v=spf1 -all"),
                Map.of("mx1.a.example", T0.plus(Duration.ofDays(30 + i))));
        saved.add(s);
        ids.add(store.saveAudit(s, "{\"n\":" + i + "}", T0.plus(Duration.ofHours(i + 1))));
      }
      long other =
          store.saveAudit(snapshot("b.example", T0, Severity.PASS, List.of(), Map.of()), "{}", T0);
      assertThat(ids).isSorted().doesNotHaveDuplicates();

      List<StoredAudit> h = store.history("a.example", 3);
      assertThat(h).extracting(StoredAudit::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
      assertThat(h)
          .extracting(StoredAudit::snapshot)
          .containsExactly(saved.get(4), saved.get(3), saved.get(2));
      assertThat(store.history("a.example", 50)).hasSize(5);
      assertThat(store.history("b.example", 50)).extracting(StoredAudit::id).containsExactly(other);
      assertThat(store.history("c.example", 50)).isEmpty();

      assertThat(store.get("a.example").orElseThrow().nextRunAt())
          .as("saveAudit moves the next run")
          .isEqualTo(T0.plus(Duration.ofHours(5)));
      assertThat(store.audit(ids.get(1))).contains(new StoredAudit(ids.get(1), saved.get(1)));
      assertThat(store.audit(other + 1000)).isEmpty();
      assertThat(store.reportJson(ids.get(0))).contains("{\"n\":0}");
      assertThat(store.reportJson(other + 1000)).isEmpty();
      assertThat(store.latestPerDomain())
          .extracting(StoredAudit::id)
          .containsExactly(ids.get(4), other);

      assertThat(store.remove("a.example")).isTrue();
      assertThat(store.history("a.example", 50)).as("history outlives the watch").hasSize(5);
    }
  }

  @Test
  void keepsTextExactlyButNeverAZeroCharacter() throws Exception {
    String odd =
        "v=spf1 include:\"q\" back\\slash 'tick' ü 😀 %{i}\ttab\nline; DROP TABLE audit; --";
    AuditSnapshot s =
        new AuditSnapshot(
            "a.example",
            T0,
            Severity.WARN,
            List.of(new FindingKey("spf.syntax", Severity.WARN, "nul\0inside")),
            Map.of("spf", odd, "dmarc", "v=DMARC1;\0p=none"),
            Map.of("mx\0.a.example", T0));
    assertThat(s.records().get("dmarc")).isEqualTo("v=DMARC1;\uFFFDp=none");
    try (JdbcWatchStore store = JdbcWatchStore.open(emptyDatabase())) {
      store.put(new WatchEntry("a.example", Duration.ofHours(1), "", "k\0ey " + odd, T0, T0));
      String report =
          "{\"record\":\""
              + odd.replace("\\", "\\\\")
                  .replace("\"", "\\\"")
                  .replace("\n", "\\n")
                  .replace("\t", "\\t")
              + "\\u0000\"}";
      long id = store.saveAudit(s, report, T0);
      assertThat(store.audit(id).orElseThrow().snapshot()).isEqualTo(s);
      assertThat(store.reportJson(id)).contains(report);
      assertThat(store.reportJson(store.saveAudit(s, "raw\0nul", T0))).contains("raw\uFFFDnul");
      assertThat(store.get("a.example").orElseThrow().secret()).isEqualTo("k\uFFFDey " + odd);
    }
  }

  @Test
  void diffsTwoStoredAudits() throws Exception {
    try (JdbcWatchStore store = JdbcWatchStore.open(emptyDatabase())) {
      store.put(entry("a.example", T0));
      long first =
          store.saveAudit(
              snapshot(
                  "a.example",
                  T0,
                  Severity.WARN,
                  List.of(
                      new FindingKey("mx.single", Severity.WARN, "a.example"),
                      new FindingKey("ptr.missing", Severity.INFO, "192.0.2.10")),
                  Map.of("mx", "10 mx1.a.example", "spf", "v=spf1 mx -all")),
              "{}",
              T0.plusSeconds(3600));
      long second =
          store.saveAudit(
              snapshot(
                  "a.example",
                  T0.plusSeconds(3600),
                  Severity.FAIL,
                  List.of(
                      new FindingKey("ptr.missing", Severity.WARN, "192.0.2.10"),
                      new FindingKey("spf.none", Severity.FAIL, "a.example")),
                  Map.of("mx", "10 mx2.a.example")),
              "{}",
              T0.plusSeconds(7200));
      store.put(entry("b.example", T0));
      long elsewhere =
          store.saveAudit(snapshot("b.example", T0, Severity.PASS, List.of(), Map.of()), "{}", T0);

      WatchService service =
          new WatchService(store, Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC));
      AuditDiff d = service.diff("a.example", 0, 0).orElseThrow();
      assertThat(d.fromId()).isEqualTo(first);
      assertThat(d.toId()).isEqualTo(second);
      assertThat(d.severityFrom()).isEqualTo(Severity.WARN);
      assertThat(d.severityTo()).isEqualTo(Severity.FAIL);
      assertThat(d.added()).containsExactly(new FindingKey("spf.none", Severity.FAIL, "a.example"));
      assertThat(d.resolved())
          .containsExactly(new FindingKey("mx.single", Severity.WARN, "a.example"));
      assertThat(d.changed())
          .containsExactly(
              new SeverityChange("ptr.missing", "192.0.2.10", Severity.INFO, Severity.WARN));
      assertThat(d.records())
          .containsExactlyInAnyOrder(
              new RecordChange("mx", "10 mx1.a.example", "10 mx2.a.example"),
              new RecordChange("spf", "v=spf1 mx -all", ""));
      assertThat(d.hasChanges()).isTrue();

      assertThat(service.diff("a.example", first, second)).contains(d);
      assertThat(service.diff("a.example", second, second).orElseThrow().hasChanges()).isFalse();
      assertThat(service.diff("a.example", first, elsewhere))
          .as("another domain's audit")
          .isEmpty();
      assertThat(service.diff("a.example", first, elsewhere + 1000)).isEmpty();
      assertThat(service.diff("c.example", 0, 0)).isEmpty();
    }
  }

  @Test
  void manyProcessesMayOpenAnEmptyDatabaseAtOnce() throws Exception {
    String url = emptyDatabase();
    int n = 6;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Void>> openers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String domain = "d" + i + ".example";
      openers.add(
          () -> {
            go.await();
            try (JdbcWatchStore store = JdbcWatchStore.open(url)) {
              store.put(entry(domain, T0));
            }
            return null;
          });
    }
    runAll(openers, go);
    try (JdbcWatchStore store = JdbcWatchStore.open(url)) {
      assertThat(store.list()).hasSize(n);
    }
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    String url = emptyDatabase();
    int writers = 4;
    int audits = 15;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Void>> tasks = new ArrayList<>();
    try (JdbcWatchStore shared = JdbcWatchStore.open(url)) {
      for (int w = 0; w < writers; w++) {
        String domain = "w" + w + ".example";
        boolean own =
            w % 2 == 0; // half on their own connection, like another process; half share one store
        tasks.add(
            () -> {
              go.await();
              JdbcWatchStore store = own ? JdbcWatchStore.open(url) : shared;
              try {
                store.put(entry(domain, T0));
                for (int i = 0; i < audits; i++) {
                  store.saveAudit(
                      snapshot(
                          domain,
                          T0.plusSeconds(i),
                          Severity.WARN,
                          List.of(new FindingKey("mx.single", Severity.WARN, domain)),
                          Map.of("mx", "10 mx" + i)),
                      "{}",
                      T0.plusSeconds(i + 1));
                  store.list(); // readers interleave with the writes
                }
              } finally {
                if (own) {
                  store.close();
                }
              }
              return null;
            });
      }
      runAll(tasks, go);
      Set<Long> ids = new HashSet<>();
      for (int w = 0; w < writers; w++) {
        List<StoredAudit> h = shared.history("w" + w + ".example", 100);
        assertThat(h).hasSize(audits);
        assertThat(h.get(0).snapshot().records()).containsEntry("mx", "10 mx" + (audits - 1));
        assertThat(h.get(0).snapshot().findings()).hasSize(1);
        h.forEach(a -> ids.add(a.id()));
        assertThat(shared.get("w" + w + ".example").orElseThrow().nextRunAt())
            .isEqualTo(T0.plusSeconds(audits));
      }
      assertThat(ids).hasSize(writers * audits);
      assertThat(shared.latestPerDomain()).hasSize(writers);
    }
  }

  private static void runAll(List<Callable<Void>> tasks, CountDownLatch go) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> t : tasks) {
        futures.add(pool.submit(t));
      }
      go.countDown();
      for (Future<Void> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
