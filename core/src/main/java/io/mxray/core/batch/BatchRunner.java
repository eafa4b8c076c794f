package io.mxray.core.batch;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.DomainName;
import io.mxray.core.finding.Severity;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Audits many domains with at most {@code concurrency} audits in flight. Each finished report goes
 * to the sink as soon as it is ready (completion order, one call at a time, so the sink may write a
 * file without locking). {@link #stop()} lets audits in flight finish and starts no new ones — the
 * Ctrl-C path.
 *
 * <p>Checks run in replay mode (see {@link io.mxray.core.dns.DnsAwait}) on one thread per core: an
 * audit waiting for DNS holds no thread, so thousands can be in flight. Checks that must block
 * (probes, HTTPS fetches, a DNSSEC validator) get a thread each from a second pool of at most
 * {@code blockingThreads}, which grows only as far as they need.
 */
public final class BatchRunner {

  /** Most audits in flight; more would only add threads waiting on the same DNS servers. */
  public static final int MAX_CONCURRENCY = 4096;

  /** What a batch did. */
  public record Summary(
      int audited, Map<Severity, Integer> bySeverity, long elapsedMs, boolean stopped) {
    public Summary {
      bySeverity = Map.copyOf(bySeverity);
    }

    public Severity worst() {
      return Severity.worstOf(
          bySeverity.entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .map(Map.Entry::getKey)
              .toList());
    }
  }

  /** Default concurrency: DNS-bound work, so many audits per core. */
  public static int defaultConcurrency() {
    return Math.min(
        MAX_CONCURRENCY, 64 * Math.max(1, java.lang.Runtime.getRuntime().availableProcessors()));
  }

  private final List<Check> checks;
  private final Ports ports;
  private final Clock clock;
  private final int concurrency;
  private final int blockingThreads;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public BatchRunner(List<Check> checks, Ports ports, Clock clock, int concurrency) {
    this(checks, ports, clock, concurrency, concurrency * Math.max(1, checks.size()));
  }

  /**
   * @param blockingThreads most checks running at once on threads that may block — in a batch,
   *     those that open connections (probes, MTA-STS and BIMI fetches); the rest wait their turn,
   *     and the wait counts toward their check deadline
   */
  public BatchRunner(
      List<Check> checks, Ports ports, Clock clock, int concurrency, int blockingThreads) {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY);
    }
    if (blockingThreads < 1) {
      throw new IllegalArgumentException("blockingThreads must be positive");
    }
    this.blockingThreads = Math.min(MAX_CONCURRENCY * 4, blockingThreads);
    this.checks = List.copyOf(checks);
    this.ports = ports;
    this.clock = clock;
    this.concurrency = concurrency;
  }

  /** Starts no new audits; those in flight finish and reach the sink. Safe from any thread. */
  public void stop() {
    stopped.set(true);
  }

  /**
   * Audits every domain (in input order, at most {@code concurrency} at once) and returns when all
   * started audits have reached the sink. A sink that throws stops the batch; the exception is
   * rethrown.
   */
  public Summary run(
      List<DomainName> domains,
      Function<DomainName, AuditRequest> requests,
      Consumer<AuditReport> sink)
      throws InterruptedException {
    return run(domains, requests, r -> r, (r, p) -> sink.accept(p));
  }

  /**
   * As above, with a {@code prepare} step (rendering a JSON line, say) that runs concurrently on
   * the audit's thread before the serialized sink, so the one-at-a-time part stays as short as a
   * write.
   */
  public <P> Summary run(
      List<DomainName> domains,
      Function<DomainName, AuditRequest> requests,
      Function<AuditReport, P> prepare,
      java.util.function.BiConsumer<AuditReport, P> sink)
      throws InterruptedException {
    long t0 = System.nanoTime();
    int threads = blockingThreads;
    AtomicInteger n = new AtomicInteger();
    // Blocking checks: a thread each while they run, idle threads retire; more than `threads`
    // queue.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "mxray-batch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    int cores = Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
    ExecutorService replay =
        Executors.newFixedThreadPool(
            cores,
            r -> {
              Thread t = new Thread(r, "mxray-batch-replay-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Auditor auditor = new Auditor(checks, pool, replay, clock);
    Semaphore slots = new Semaphore(concurrency);
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    Object sinkLock = new Object();
    RuntimeException[] sinkError = new RuntimeException[1];
    int[] audited = new int[1];
    try {
      for (DomainName d : domains) {
        slots.acquire();
        if (stopped.get()) {
          slots.release();
          break;
        }
        CompletableFuture<AuditReport> f = auditor.audit(requests.apply(d), ports);
        f.whenComplete(
            (report, error) -> {
              try {
                if (report != null) {
                  P prepared = prepare.apply(report);
                  synchronized (sinkLock) {
                    if (sinkError[0] == null) {
                      sink.accept(report, prepared);
                      audited[0]++;
                      counts.merge(report.severity(), 1, Integer::sum);
                    }
                  }
                }
              } catch (RuntimeException e) {
                synchronized (sinkLock) {
                  sinkError[0] = e;
                }
                stopped.set(true);
              } finally {
                slots.release();
              }
            });
      }
      // Wait for the audits in flight: every slot back.
      slots.acquire(concurrency);
      slots.release(concurrency);
    } finally {
      pool.shutdownNow();
      replay.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
      replay.awaitTermination(5, TimeUnit.SECONDS);
    }
    synchronized (sinkLock) {
      if (sinkError[0] != null) {
        throw sinkError[0];
      }
      return new Summary(audited[0], counts, (System.nanoTime() - t0) / 1_000_000, stopped.get());
    }
  }
}
