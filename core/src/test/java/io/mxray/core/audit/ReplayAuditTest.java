package io.mxray.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Connector;
import io.mxray.core.testing.Fixtures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * Replay mode: checks run on a single non-blocking thread against a DNS client whose answers arrive
 * later on another thread, and must produce exactly the report of a plain synchronous run.
 */
class ReplayAuditTest {

  private final ExecutorService blocking = Executors.newFixedThreadPool(4, named("blocking"));
  private final ExecutorService replay = Executors.newSingleThreadExecutor(named("replay"));
  private final ExecutorService plain = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService wire = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    blocking.shutdownNow();
    replay.shutdownNow();
    plain.shutdownNow();
    wire.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Times a replay thread waited on an answer not yet in: must stay 0 (replay threads never block).
   */
  private static final AtomicInteger blockedReplays = new AtomicInteger();

  /**
   * A future that notes being waited on, still pending, by a replay thread (derived futures too).
   */
  private static final class StrictFuture<T> extends CompletableFuture<T> {
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new StrictFuture<>();
    }

    private void noteWait() {
      if (!isDone() && Thread.currentThread().getName().startsWith("replay-")) {
        blockedReplays.incrementAndGet();
      }
    }

    @Override
    public T join() {
      noteWait();
      return super.join();
    }

    @Override
    public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
      noteWait();
      return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
        throws InterruptedException,
            java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
      noteWait();
      return super.get(timeout, unit);
    }
  }

  /** Answers from the zone files, but each one arrives 0-2 ms later on the "wire" thread. */
  private final class LateDns implements DnsClient {
    private final DnsClient zones;
    final AtomicInteger asked = new AtomicInteger();

    LateDns(DnsClient zones) {
      this.zones = zones;
    }

    private CompletableFuture<DnsAnswer> later(Supplier<DnsAnswer> answer) {
      asked.incrementAndGet();
      CompletableFuture<DnsAnswer> f = new StrictFuture<>();
      wire.schedule(
          () -> f.complete(answer.get()),
          ThreadLocalRandom.current().nextInt(2000),
          TimeUnit.MICROSECONDS);
      return f;
    }

    @Override
    public DnsAnswer query(String name, int type) {
      return queryAsync(name, type).join();
    }

    @Override
    public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
      return later(() -> zones.query(name, type));
    }

    @Override
    public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
      return queryAuthoritativeAsync(server, name, type).join();
    }

    @Override
    public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
        InetAddress server, String name, int type) {
      return later(() -> zones.queryAuthoritative(server, name, type));
    }
  }

  private static final List<String> connectedFrom =
      java.util.Collections.synchronizedList(new ArrayList<>());

  /** Every connection is refused, after noting which thread asked. */
  private static final Connector REFUSING =
      (address, timeout) -> {
        connectedFrom.add(Thread.currentThread().getName());
        throw new ConnectException("refused (fixture)");
      };

  private static final HttpsFetcher NO_POLICY =
      (uri, timeout, max) -> {
        connectedFrom.add(Thread.currentThread().getName());
        return HttpsResult.failure(HttpsResult.Outcome.CONNECT_FAILED, "fixture");
      };

  /**
   * Per check: its findings (code, severity, subject, message) and its facts, in a stable order.
   */
  private static Map<String, Object> shape(AuditReport report) {
    Map<String, Object> out = new TreeMap<>();
    for (CheckResult c : report.checks()) {
      List<String> findings = new ArrayList<>();
      for (Finding f : c.findings()) {
        findings.add(f.code().id() + " " + f.severity() + " " + f.subject() + " " + f.message());
      }
      findings.sort(null);
      out.put(c.id().value(), List.of(findings, String.valueOf(c.facts())));
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "good.example, mx/good.zone",
    "broken.example, mx/broken.zone",
    "lame.example, mx/lame.zone",
    "nullmx-mixed.example, mx/nullmx-mixed.zone",
    "shop.example, policy/shop.zone",
    "halfway.example, policy/halfway.zone",
    "spf.example, spf/lint.zone",
    "reports.example, dmarc/reports.zone",
    "sts.example, mtasts/sts.zone",
    "dane.example, dane/dane.zone",
    "brand.example, bimi/brand.zone",
    "weak.example, dkim/weak.zone",
    "nowhere.example, mx/good.zone"
  })
  void replayedAuditsEqualPlainOnes(String domain, String zone) {
    DnsClient zones =
        Fixtures.zones(
                zone,
                "mx/reverse.zone",
                "mx/reverse-198.zone",
                "mx/reverse-v6.zone",
                "dnsbl/lists.zone",
                "dnsbl/domains.zone")
            .build();
    AuditRequest request =
        Fixtures.request(domain).withProbe(true).withDkimSelectors(List.of("sel1", "s2048"));

    AuditReport expected =
        new Auditor(Registry.auditChecks(), plain, Fixtures.CLOCK)
            .audit(request, new Ports(zones, REFUSING, NO_POLICY))
            .join();
    LateDns late = new LateDns(zones);
    blockedReplays.set(0);
    AuditReport replayed =
        new Auditor(Registry.auditChecks(), blocking, replay, Fixtures.CLOCK)
            .audit(request, new Ports(late, REFUSING, NO_POLICY))
            .join();

    assertThat(shape(replayed)).isEqualTo(shape(expected));
    assertThat(replayed.severity()).isEqualTo(expected.severity());
    // Each question went on the wire once, however often checks were replayed.
    assertThat(late.asked.get()).isEqualTo(replayed.dnsQueries().size());
    assertThat(replayed.dnsQueries()).hasSameSizeAs(expected.dnsQueries());
    assertThat(replayed.has("audit.check-crashed")).isFalse();
    assertThat(replayed.has("audit.check-timeout")).isFalse();
    assertThat(blockedReplays.get()).as("times the replay thread blocked on DNS").isZero();
  }

  @Test
  void probesAndFetchesNeverRunOnTheReplayThread() {
    connectedFrom.clear();
    DnsClient zones = Fixtures.zones("mtasts/sts.zone", "mx/reverse.zone").build();
    AuditRequest request = Fixtures.request("sts.example").withProbe(true);
    AuditReport report =
        new Auditor(Registry.auditChecks(), blocking, replay, Fixtures.CLOCK)
            .audit(request, new Ports(new LateDns(zones), REFUSING, NO_POLICY))
            .join();
    assertThat(report.has("audit.check-crashed")).isFalse();
    assertThat(connectedFrom).isNotEmpty().allMatch(t -> t.startsWith("blocking-"));
  }

  @Test
  void manyAuditsInFlightShareOneReplayThread() {
    DnsClient zones = Fixtures.zones("mx/good.zone", "mx/reverse.zone").build();
    LateDns late = new LateDns(zones);
    Auditor auditor = new Auditor(Registry.auditChecks(), blocking, replay, Fixtures.CLOCK);
    List<CompletableFuture<AuditReport>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(
          auditor.audit(
              Fixtures.request("good.example"),
              new Ports(late, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS)));
    }
    // One thread, 200 audits of 13 checks each: only possible if no replayed check ever blocks it.
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
    assertThat(all).allSatisfy(f -> assertThat(f.join().has("audit.check-timeout")).isFalse());
  }

  @Test
  void aCheckThatUnwindsInsideACallbackStillFinishes() {
    DnsClient zones = Fixtures.zones("mx/good.zone").build();
    Check chained =
        TestChecks.replayable(
            "chained",
            ctx -> {
              CompletableFuture<DnsAnswer> mx = ctx.dns().queryAsync("good.example", Type.MX);
              DnsAwait.await(mx);
              // Once the MX answer is in, this callback runs at once on the replaying thread and
              // its DNS wait
              // unwinds inside the future: the unwinding arrives wrapped in a CompletionException.
              String txt =
                  DnsAwait.await(
                      mx.thenApply(a -> ctx.dns().query("good.example", Type.TXT).status().name()));
              return CheckResult.builder(CheckId.of("chained"), "chained").fact("txt", txt).build();
            });
    AuditReport report =
        new Auditor(List.of(chained), blocking, replay, Fixtures.CLOCK)
            .audit(
                Fixtures.request("good.example"),
                new Ports(new LateDns(zones), Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    assertThat(report.checks().get(0).facts()).containsEntry("txt", "NOERROR");
  }

  @Test
  void aReplayedCheckThatNeverGetsItsAnswerTimesOutAndStopsReplaying() {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<DnsAnswer> never = new CompletableFuture<>();
    DnsClient silent =
        new DnsClient() {
          @Override
          public DnsAnswer query(String name, int type) {
            return never.join();
          }

          @Override
          public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
            return never;
          }

          @Override
          public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
            return never.join();
          }
        };
    Check waits =
        TestChecks.replayable(
            "waits",
            ctx -> {
              runs.incrementAndGet();
              ctx.dns().query("good.example", Type.MX);
              return CheckResult.builder(CheckId.of("waits"), "waits").build();
            });
    AuditRequest request =
        Fixtures.request("good.example").withCheckTimeout(Duration.ofMillis(200));
    AuditReport report =
        new Auditor(List.of(waits), blocking, replay, Fixtures.CLOCK)
            .audit(request, new Ports(silent, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    assertThat(report.has("audit.check-timeout")).isTrue();
    assertThat(runs.get()).isEqualTo(1); // unwound once, never run again, and no thread was held
  }

  @Test
  void outsideReplayModeAwaitSimplyJoins() throws Exception {
    CompletableFuture<String> f = new CompletableFuture<>();
    wire.schedule(() -> f.complete("late"), 5, TimeUnit.MILLISECONDS);
    assertThat(DnsAwait.await(f)).isEqualTo("late");
    assertThat(DnsAwait.replaying()).isFalse();
  }

  @Test
  void inReplayModeAwaitUnwindsOnlyForAnswersNotYetIn() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("now");
    CompletableFuture<String> open = new CompletableFuture<>();
    assertThat(DnsAwait.inReplay(() -> DnsAwait.await(done))).isEqualTo("now");
    try {
      DnsAwait.inReplay(() -> DnsAwait.awaitAll(List.of(done, open)));
      throw new AssertionError("expected to unwind");
    } catch (DnsAwait.Suspended s) {
      assertThat(s.pending().isDone()).isFalse();
      open.complete("later");
      assertThat(s.pending().isDone()).isTrue();
    }
    assertThat(DnsAwait.replaying()).isFalse();
  }

  @Test
  void blockingIoUnwindsOnlyInReplayMode() throws IOException {
    DnsAwait.blockingIo(); // plain mode: nothing happens
    try {
      DnsAwait.inReplay(
          () -> {
            DnsAwait.blockingIo();
            return null;
          });
      throw new AssertionError("expected to unwind");
    } catch (DnsAwait.NeedsThread expected) {
      assertThat(DnsAwait.replaying()).isFalse();
    }
  }
}
