package io.mxray.core.audit;

/**
 * One area of an audit. Straight-line blocking code; all I/O through the ports in the context.
 * Checks never call each other; shared facts (the MX list) come through the per-audit caching DNS
 * client. Exceptions are bugs: the {@link Auditor} turns them into {@code audit.check-crashed}.
 */
public interface Check {

  CheckId id();

  /** One line for {@code --help} and the report: what this check looks at. */
  String title();

  CheckResult run(CheckContext ctx);

  /**
   * Whether the {@link Auditor} may run this check in replay mode (see {@link
   * io.mxray.core.dns.DnsAwait}): true only when {@link #run} is a deterministic function of its
   * answers that does I/O solely through the context's ports on its own thread, waits for answers
   * only through the DNS client's blocking calls or {@link io.mxray.core.dns.DnsAwait} (never
   * {@code join()} on a pending future), keeps no state between runs, and never catches {@link
   * Error}. A replayable check may be started several times for one audit; only the last run's
   * result counts.
   */
  default boolean replayable() {
    return false;
  }
}
