package io.mxray.core.watch;

import io.mxray.core.audit.AuditReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-audits watched domains when due, stores each report, diffs it with the previous one and sends
 * the change alert. State lives in the store only (next run times included), so a restarted process
 * resumes the schedule where the killed one stopped; an audit interrupted by a crash is simply
 * redone (its domain is still due). Each next run is {@code every} ± 10 % so that domains added
 * together drift apart and a fleet of monitors does not hit one resolver in step.
 */
public final class WatchScheduler {

  /** Runs one audit of a domain (the host wires the auditor, ports and options). */
  public interface AuditFunction {
    CompletableFuture<AuditReport> audit(String domain);
  }

  /** Renders documents for the store and the webhook (reports module in practice). */
  public interface Renderer {
    String report(AuditReport report);

    String diff(AuditDiff diff);
  }

  /** Told about every stored audit (logging, metrics). */
  public interface Listener {
    void audited(
        WatchEntry entry,
        long auditId,
        AuditDiff diff,
        Optional<WebhookNotifier.Delivery> delivery);

    /**
     * The store failed during a pass of {@link #runForever()}; the scheduler tries again after
     * {@code retryIn}.
     */
    default void storeFailed(WatchStoreException e, Duration retryIn) {
      // hosts that log say so
    }
  }

  /** Longest a single audit may take before it is abandoned (and retried at the next pass). */
  public static final Duration AUDIT_DEADLINE = Duration.ofMinutes(5);

  private static final Duration MAX_IDLE = Duration.ofSeconds(30);

  private final WatchStore store;
  private final AuditFunction audits;
  private final Renderer renderer;
  private final WebhookNotifier notifier;
  private final String defaultSecret;
  private final Clock clock;
  private final Random random;
  private final Listener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public WatchScheduler(
      WatchStore store,
      AuditFunction audits,
      Renderer renderer,
      WebhookNotifier notifier,
      String defaultSecret,
      Clock clock,
      Random random,
      Listener listener) {
    this.store = store;
    this.audits = audits;
    this.renderer = renderer;
    this.notifier = notifier;
    this.defaultSecret = defaultSecret == null ? "" : defaultSecret;
    this.clock = clock;
    this.random = random;
    this.listener = listener;
  }

  /** The next run after {@code now}: {@code every} scaled by a random factor in [0.9, 1.1). */
  static Instant nextRun(Instant now, Duration every, Random random) {
    double factor = 0.9 + 0.2 * random.nextDouble();
    return now.plusMillis(Math.round(every.toMillis() * factor));
  }

  /** Audits every domain due now, one after another. Returns how many were stored. */
  public int runDue() {
    int n = 0;
    for (WatchEntry e : store.due(clock.instant())) {
      if (stopped.get()) {
        break;
      }
      if (runOne(e)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Audits one entry now, stores it, diffs and alerts. False if the audit did not finish in time.
   */
  public boolean runOne(WatchEntry e) {
    AuditReport report;
    try {
      report = audits.audit(e.domain()).get(AUDIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | TimeoutException ex) {
      // Not stored: the domain stays due and is tried again on the next pass, after a short pause.
      store.put(e.withNextRunAt(clock.instant().plus(Duration.ofMinutes(1))));
      return false;
    }
    Optional<StoredAudit> previous = store.history(e.domain(), 1).stream().findFirst();
    AuditSnapshot snap = AuditSnapshot.of(report);
    Instant now = clock.instant();
    long id = store.saveAudit(snap, renderer.report(report), nextRun(now, e.every(), random));
    AuditDiff diff =
        ReportDiff.between(
            previous.map(StoredAudit::id).orElse(0L),
            previous.map(StoredAudit::snapshot).orElse(null),
            id,
            snap,
            now,
            ReportDiff.DEFAULT_EXPIRY_WARNING);
    Optional<WebhookNotifier.Delivery> delivery = Optional.empty();
    // The first audit sets the baseline; alerts are about changes after it.
    if (previous.isPresent() && diff.hasChanges() && !e.webhook().isEmpty()) {
      String secret = e.secret().isEmpty() ? defaultSecret : e.secret();
      delivery = Optional.of(notifier.send(e.webhook(), secret, renderer.diff(diff)));
    }
    listener.audited(e, id, diff, delivery);
    return true;
  }

  /**
   * Runs until {@link #stop()}: audits what is due, then sleeps until the next due time (at most 30
   * s). A database that fails (a PostgreSQL server restarting, a lost connection) pauses the
   * schedule for 30 s instead of ending it: the store reconnects on a later call, and domains stay
   * due until stored.
   */
  public void runForever() throws InterruptedException {
    while (!stopped.get()) {
      Duration idle = MAX_IDLE;
      try {
        runDue();
        Instant now = clock.instant();
        for (WatchEntry e : store.list()) {
          Duration until = Duration.between(now, e.nextRunAt());
          if (until.compareTo(idle) < 0) {
            idle = until;
          }
        }
      } catch (WatchStoreException e) {
        listener.storeFailed(e, MAX_IDLE);
      }
      long ms = Math.max(200, idle.toMillis());
      synchronized (stopped) {
        if (!stopped.get()) {
          stopped.wait(ms);
        }
      }
    }
  }

  /** Re-reads the schedule now (a watch was added or changed while the scheduler slept). */
  public void wake() {
    synchronized (stopped) {
      stopped.notifyAll();
    }
  }

  public void stop() {
    stopped.set(true);
    synchronized (stopped) {
      stopped.notifyAll();
    }
  }
}
