package io.mxray.core.audit;

/**
 * One area of an audit. Straight-line blocking code; all I/O through the ports in the context. Checks
 * never call each other; shared facts (the MX list) come through the per-audit caching DNS client.
 * Exceptions are bugs: the {@link Auditor} turns them into {@code audit.check-crashed}.
 */
public interface Check {

  CheckId id();

  /** One line for {@code --help} and the report: what this check looks at. */
  String title();

  CheckResult run(CheckContext ctx);
}
