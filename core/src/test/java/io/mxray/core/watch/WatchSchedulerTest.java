package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchSchedulerTest {

  private static final String GOOD =
      """
      $ORIGIN w.example.
      $TTL 3600
      @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @ IN NS ns1
      @ IN NS ns2
      @ IN MX 10 mx1
      @ IN MX 20 mx2
      ns1 IN A 192.0.2.53
      ns2 IN A 198.51.100.53
      mx1 IN A 192.0.2.10
      mx2 IN A 198.51.100.20
      """;

  /**
   * The same domain after someone removed the backup MX and pointed the primary at a missing host.
   */
  private static final String BROKEN =
      GOOD.replace("@ IN MX 10 mx1\n@ IN MX 20 mx2\n", "@ IN MX 10 gone\n");

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aRecordChangeProducesADiffAWebhookCallAndAMetricChange(@TempDir Path dir) {
    MutableClock clock = new MutableClock();
    AtomicReference<String> zone = new AtomicReference<>(GOOD);
    WatchScheduler.AuditFunction audits =
        domain -> {
          ZoneFileDnsClient dns = ZoneFileDnsClient.builder().zone("w.example", zone.get()).build();
          Auditor auditor = new Auditor(Registry.auditChecks(), Runnable::run, clock);
          return auditor.audit(
              Fixtures.request(domain).withChecks(java.util.Set.of("mx")),
              new Ports(dns, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS));
        };
    List<String> posted = new ArrayList<>();
    WebhookSender sender =
        (uri, headers, body, timeout) -> {
          posted.add(
              uri + " " + headers.get(WebhookNotifier.SIGNATURE_HEADER) + " " + new String(body));
          return new WebhookSender.Response(200, "");
        };
    WatchScheduler.Renderer renderer =
        new WatchScheduler.Renderer() {
          @Override
          public String report(AuditReport r) {
            return "{\"domain\":\"" + r.domain() + "\"}";
          }

          @Override
          public String diff(AuditDiff d) {
            return "{\"added\":" + d.added().size() + ",\"records\":" + d.records().size() + "}";
          }
        };
    List<AuditDiff> diffs = new ArrayList<>();
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      WatchService service = new WatchService(store, clock);
      service.add("w.example", Duration.ofHours(1), "https://hooks.example/mxray", "s3cret");
      WatchScheduler scheduler =
          new WatchScheduler(
              store,
              audits,
              renderer,
              new WebhookNotifier(
                  sender, clock, d -> {}, 3, Duration.ofSeconds(1), Duration.ofSeconds(5)),
              "",
              clock,
              new Random(7),
              (e, id, diff, delivery) -> diffs.add(diff));

      assertThat(scheduler.runDue()).isEqualTo(1);
      assertThat(posted).as("the first audit is the baseline, not an alert").isEmpty();
      assertThat(service.gauges().get(0).worst()).isIn(Severity.PASS, Severity.INFO);
      assertThat(scheduler.runDue()).as("nothing due until the next run").isZero();

      Instant next = store.get("w.example").orElseThrow().nextRunAt();
      assertThat(Duration.between(clock.now, next))
          .isBetween(Duration.ofMinutes(54), Duration.ofMinutes(66));

      zone.set(BROKEN);
      clock.now = next;
      assertThat(scheduler.runDue()).isEqualTo(1);
      AuditDiff diff = diffs.get(1);
      assertThat(diff.hasChanges()).isTrue();
      assertThat(diff.records()).extracting(AuditDiff.RecordChange::record).containsExactly("mx");
      assertThat(diff.records().get(0).from()).contains("mx1.w.example", "mx2.w.example");
      assertThat(diff.records().get(0).to()).contains("gone.w.example");
      assertThat(diff.added()).isNotEmpty();
      assertThat(posted).hasSize(1);
      assertThat(posted.get(0))
          .startsWith("https://hooks.example/mxray sha256=")
          .contains("\"records\":1");

      WatchService.Gauges g = service.gauges().get(0);
      assertThat(g.worst()).isEqualTo(Severity.FAIL);
      assertThat(g.findings().get(Severity.FAIL)).isPositive();
      assertThat(g.lastAuditAgeSeconds()).contains(0L);
      assertThat(service.history("w.example", 10)).hasSize(2);
      Optional<AuditDiff> api = service.diff("w.example", 0, 0);
      assertThat(api).isPresent();
      assertThat(api.get().records()).hasSize(1);
      long[] ids = service.history("w.example", 10).stream().mapToLong(StoredAudit::id).toArray();
      assertThat(service.diff("w.example", ids[1], ids[0]).orElseThrow().added())
          .isEqualTo(diff.added());
      assertThat(service.diff("other.example", ids[1], ids[0])).isEmpty();
    }
  }

  @Test
  void spreadsRunsTenPercentEitherWay() {
    Random r = new Random(1);
    Instant t = Instant.parse("2026-11-23T12:00:00Z");
    for (int i = 0; i < 1000; i++) {
      Duration d = Duration.between(t, WatchScheduler.nextRun(t, Duration.ofHours(1), r));
      assertThat(d).isBetween(Duration.ofMinutes(54), Duration.ofMinutes(66));
    }
  }

  @Test
  void anAuditThatFailsIsRetriedInAMinuteAndNotStored(@TempDir Path dir) {
    MutableClock clock = new MutableClock();
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      new WatchService(store, clock).add("x.example", Duration.ofHours(1), "", "");
      WatchScheduler s =
          new WatchScheduler(
              store,
              d -> CompletableFuture.failedFuture(new IllegalStateException("x")),
              null,
              null,
              "",
              clock,
              new Random(1),
              (e, id, diff, del) -> {});
      assertThat(s.runDue()).isZero();
      assertThat(store.history("x.example", 5)).isEmpty();
      assertThat(store.get("x.example").orElseThrow().nextRunAt())
          .isEqualTo(clock.now.plus(Duration.ofMinutes(1)));
    }
  }

  @Test
  void aFailingDatabasePausesTheScheduleInsteadOfEndingIt(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock();
    WatchScheduler.AuditFunction audits =
        domain ->
            new Auditor(Registry.auditChecks(), Runnable::run, clock)
                .audit(
                    Fixtures.request(domain).withChecks(java.util.Set.of("mx")),
                    new Ports(
                        ZoneFileDnsClient.builder().zone("w.example", GOOD).build(),
                        Fixtures.NO_SOCKETS,
                        Fixtures.NO_HTTPS));
    WatchScheduler.Renderer renderer =
        new WatchScheduler.Renderer() {
          @Override
          public String report(AuditReport r) {
            return "{}";
          }

          @Override
          public String diff(AuditDiff d) {
            return "{}";
          }
        };
    try (JdbcWatchStore db = JdbcWatchStore.sqlite(dir)) {
      new WatchService(db, clock).add("w.example", Duration.ofHours(1), "", "");
      java.util.concurrent.atomic.AtomicInteger failures =
          new java.util.concurrent.atomic.AtomicInteger(1);
      WatchStore flaky =
          (WatchStore)
              java.lang.reflect.Proxy.newProxyInstance(
                  WatchStore.class.getClassLoader(),
                  new Class<?>[] {WatchStore.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("due") && failures.getAndDecrement() > 0) {
                      throw new WatchStoreException(
                          "reading the watch list failed: This connection has been closed.", null);
                    }
                    try {
                      return method.invoke(db, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
      List<Duration> pauses = new ArrayList<>();
      WatchScheduler scheduler =
          new WatchScheduler(
              flaky,
              audits,
              renderer,
              null,
              "",
              clock,
              new Random(1),
              new WatchScheduler.Listener() {
                @Override
                public void audited(
                    WatchEntry e, long id, AuditDiff diff, Optional<WebhookNotifier.Delivery> d) {
                  stored.countDown();
                }

                @Override
                public void storeFailed(WatchStoreException e, Duration retryIn) {
                  pauses.add(retryIn);
                  failed.countDown();
                }
              });
      Thread t =
          new Thread(
              () -> {
                try {
                  scheduler.runForever();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      try {
        assertThat(failed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(t.isAlive()).as("still scheduling").isTrue();
        for (int i = 0; i < 100 && stored.getCount() > 0; i++) {
          scheduler
              .wake(); // skip the pause (again, should the first call come before the scheduler
          // sleeps)
          stored.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(stored.getCount()).as("audited after the pause").isZero();
        assertThat(pauses).containsExactly(Duration.ofSeconds(30));
        assertThat(db.history("w.example", 5)).hasSize(1);
      } finally {
        scheduler.stop();
        t.join(10_000);
      }
    }
  }
}
