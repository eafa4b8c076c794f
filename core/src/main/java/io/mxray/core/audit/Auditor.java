package io.mxray.core.audit;

import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.RecordingDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the selected checks of an audit in parallel on the caller's executor, each with a deadline. A
 * crashing check becomes {@code audit.check-crashed}, a slow one {@code audit.check-timeout} (both
 * INCONCLUSIVE), so one broken check never sinks the report. Each audit gets its own caching DNS client
 * (checks share lookups) in front of a recorder (the report's query log lists real lookups only).
 */
public final class Auditor {

  private final List<Check> checks;
  private final Executor executor;
  private final Clock clock;

  public Auditor(List<Check> checks, Executor executor, Clock clock) {
    this.checks = List.copyOf(checks);
    this.executor = executor;
    this.clock = clock;
  }

  public List<Check> checks() {
    return checks;
  }

  public CompletableFuture<AuditReport> audit(AuditRequest request, Ports ports) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    RecordingDnsClient recorder = new RecordingDnsClient(ports.dns());
    CachingDnsClient dns = new CachingDnsClient(recorder, clock);
    CheckContext ctx = new CheckContext(request, dns, ports.connector(), ports.https(), clock);
    List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
    for (Check check : checks) {
      if (request.selects(check.id())) {
        futures.add(runOne(check, ctx, request));
      }
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<CheckResult> results = futures.stream().map(CompletableFuture::join).toList();
      Severity worst = Severity.worstOf(results.stream().map(CheckResult::severity).toList());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new AuditReport(request.domain().ascii(), worst, results, recorder.queries(), started, ms);
    });
  }

  private CompletableFuture<CheckResult> runOne(Check check, CheckContext ctx, AuditRequest request) {
    long timeoutMs = request.checkTimeout().toMillis();
    CompletableFuture<CheckResult> f = CompletableFuture.supplyAsync(() -> runSafely(check, ctx), executor);
    return f.completeOnTimeout(timedOut(check, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS)
        .exceptionally(e -> crashed(check, e, 0));
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

  static CheckResult crashed(Check check, Throwable e, long ms) {
    StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    String evidence = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + (where == null ? "" : " at " + where);
    Finding f = Finding.of(AuditCodes.CHECK_CRASHED, check.id().value(),
            "The " + check.id() + " check failed with an internal error, so this area was not assessed.")
        .withRemediation("Please report this as an mxray bug with the evidence below.")
        .withEvidence(evidence);
    return new CheckResult(check.id(), check.title(), List.of(f), java.util.Map.of(), ms);
  }

  private static CheckResult timedOut(Check check, long timeoutMs) {
    Finding f = Finding.of(AuditCodes.CHECK_TIMEOUT, check.id().value(),
            "The " + check.id() + " check did not finish within " + timeoutMs + " ms, so this area is unknown.")
        .withRemediation("Retry; if it keeps happening, look for slow or unresponsive DNS servers (see the query log).");
    return new CheckResult(check.id(), check.title(), List.of(f), java.util.Map.of(), timeoutMs);
  }
}
