package io.mxray.core.audit;

import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.RecordingDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.net.Connector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the selected checks of an audit concurrently, each with a deadline. A crashing check becomes
 * {@code audit.check-crashed}, a slow one {@code audit.check-timeout} (both INCONCLUSIVE), so one
 * broken check never sinks the report. Each audit gets its own DNS memo (checks share lookups and
 * see one consistent answer per question) in front of a recorder (the report's query log lists real
 * lookups only).
 *
 * <p>Checks that declare themselves {@linkplain Check#replayable() replayable} run in replay mode
 * on the replay executor: a check that waits for a DNS answer not yet arrived is unwound and run
 * again when it is in (see {@link DnsAwait}), so an audit in flight holds no thread while its
 * questions are on the wire. Other checks, and replayable ones that reach blocking non-DNS I/O (a
 * probe, an HTTPS fetch), run on the blocking executor.
 */
public final class Auditor {

  private final List<Check> checks;
  private final Executor blocking;
  private final Executor replay;
  private final Clock clock;

  /** One executor for everything (replays included). */
  public Auditor(List<Check> checks, Executor executor, Clock clock) {
    this(checks, executor, executor, clock);
  }

  /**
   * @param blocking runs checks that may block (one thread per such check in flight)
   * @param replay runs replayable checks; its tasks never block, so a thread per core is enough
   */
  public Auditor(List<Check> checks, Executor blocking, Executor replay, Clock clock) {
    this.checks = List.copyOf(checks);
    this.blocking = blocking;
    this.replay = replay;
    this.clock = clock;
  }

  public List<Check> checks() {
    return checks;
  }

  public CompletableFuture<AuditReport> audit(AuditRequest request, Ports ports) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    RecordingDnsClient recorder = new RecordingDnsClient(ports.dns());
    ReplayDnsClient dns = new ReplayDnsClient(recorder);
    Connector connector = ports.connector();
    HttpsFetcher https = ports.https();
    CheckContext ctx =
        new CheckContext(
            request,
            dns,
            (address, timeout) -> {
              DnsAwait.blockingIo();
              return connector.connect(address, timeout);
            },
            (uri, timeout, maxBytes) -> {
              DnsAwait.blockingIo();
              return https.fetch(uri, timeout, maxBytes);
            },
            clock);
    List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
    for (Check check : checks) {
      if (request.selects(check.id())) {
        futures.add(runOne(check, ctx, request));
      }
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<CheckResult> results = futures.stream().map(CompletableFuture::join).toList();
              if (dns.sawOnlyNxdomain(request.domain().ascii())) {
                results =
                    results.stream().map(r -> notAssessed(r, request.domain().ascii())).toList();
              }
              Severity worst =
                  Severity.worstOf(results.stream().map(CheckResult::severity).toList());
              long ms = (System.nanoTime() - t0) / 1_000_000;
              return new AuditReport(
                  request.domain().ascii(), worst, results, recorder.queries(), started, ms);
            });
  }

  private CompletableFuture<CheckResult> runOne(
      Check check, CheckContext ctx, AuditRequest request) {
    long timeoutMs = request.checkTimeout().toMillis();
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    long t0 = System.nanoTime();
    try {
      if (check.replayable()) {
        replay.execute(() -> attempt(check, ctx, result, t0));
      } else {
        blocking.execute(() -> result.complete(runSafely(check, ctx)));
      }
    } catch (RuntimeException e) { // a rejected task (executor shut down)
      result.complete(crashed(check, e, 0));
    }
    return result
        .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .exceptionally(
            e ->
                unwrap(e) instanceof TimeoutException
                    ? timedOut(check, timeoutMs)
                    : crashed(check, e, 0));
  }

  /** One replay-mode run of a check: finishes it, or arranges the next run when it unwinds. */
  private void attempt(
      Check check, CheckContext ctx, CompletableFuture<CheckResult> result, long t0) {
    if (result.isDone()) {
      return; // timed out meanwhile: stop replaying
    }
    try {
      CheckResult r = DnsAwait.inReplay(() -> check.run(ctx));
      result.complete(r.withDuration((System.nanoTime() - t0) / 1_000_000));
    } catch (DnsAwait.Suspended s) {
      resumeWhen(s.pending(), check, ctx, result, t0);
    } catch (DnsAwait.NeedsThread n) {
      onBlockingThread(check, ctx, result);
    } catch (CompletionException e) {
      // Unwound inside a future's callback: same meaning as above.
      if (e.getCause() instanceof DnsAwait.Suspended s) {
        resumeWhen(s.pending(), check, ctx, result, t0);
      } else if (e.getCause() instanceof DnsAwait.NeedsThread) {
        onBlockingThread(check, ctx, result);
      } else {
        result.complete(crashed(check, e, (System.nanoTime() - t0) / 1_000_000));
      }
    } catch (RuntimeException | Error e) {
      result.complete(crashed(check, e, (System.nanoTime() - t0) / 1_000_000));
    }
  }

  /** The rest of a replayable check's run needs a thread that may block: start it again there. */
  private void onBlockingThread(
      Check check, CheckContext ctx, CompletableFuture<CheckResult> result) {
    try {
      blocking.execute(() -> result.complete(runSafely(check, ctx)));
    } catch (RuntimeException rejected) {
      result.complete(crashed(check, rejected, 0));
    }
  }

  private void resumeWhen(
      CompletableFuture<?> pending,
      Check check,
      CheckContext ctx,
      CompletableFuture<CheckResult> result,
      long t0) {
    pending.whenComplete(
        (x, e) -> {
          try {
            replay.execute(() -> attempt(check, ctx, result, t0));
          } catch (RuntimeException rejected) {
            result.complete(crashed(check, rejected, 0));
          }
        });
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static CheckResult runSafely(Check check, CheckContext ctx) {
    long t0 = System.nanoTime();
    try {
      CheckResult r = check.run(ctx);
      return r.withDuration((System.nanoTime() - t0) / 1_000_000);
    } catch (RuntimeException | Error e) {
      return crashed(check, e, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /**
   * For a domain that does not exist: a check's "missing record" findings (publish DMARC, publish
   * SPF, …) are noise next to the one root cause, so they become a single {@code
   * audit.not-assessed}. Results that report the non-existence itself ({@code *.nxdomain}) or a
   * problem of the audit are kept.
   */
  private static CheckResult notAssessed(CheckResult r, String domain) {
    boolean keep =
        r.findings().stream()
            .anyMatch(f -> f.codeId().endsWith(".nxdomain") || f.codeId().startsWith("audit."));
    if (keep) {
      return r;
    }
    Finding f =
        Finding.of(
            AuditCodes.NOT_ASSESSED,
            domain,
            "Not assessed: "
                + domain
                + " does not exist in the DNS (NXDOMAIN), so none of its records can exist.");
    return new CheckResult(r.id(), r.title(), List.of(f), r.facts(), r.durationMs());
  }

  static CheckResult crashed(Check check, Throwable e, long ms) {
    StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    String evidence =
        e.getClass().getName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + (where == null ? "" : " at " + where);
    Finding f =
        Finding.of(
                AuditCodes.CHECK_CRASHED,
                check.id().value(),
                "The "
                    + check.id()
                    + " check failed with an internal error, so this area was not assessed.")
            .withRemediation("Please report this as an mxray bug with the evidence below.")
            .withEvidence(evidence);
    return new CheckResult(check.id(), check.title(), List.of(f), java.util.Map.of(), ms);
  }

  private static CheckResult timedOut(Check check, long timeoutMs) {
    Finding f =
        Finding.of(
                AuditCodes.CHECK_TIMEOUT,
                check.id().value(),
                "The "
                    + check.id()
                    + " check did not finish within "
                    + timeoutMs
                    + " ms, so this area is unknown.")
            .withRemediation(
                "Retry; if it keeps happening, look for slow or unresponsive DNS servers (see the query log).");
    return new CheckResult(check.id(), check.title(), List.of(f), java.util.Map.of(), timeoutMs);
  }
}
