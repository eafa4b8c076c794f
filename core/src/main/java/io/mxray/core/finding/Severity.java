package io.mxray.core.finding;

import java.util.Collection;
import java.util.Locale;

/**
 * How much a finding matters. {@link #INCONCLUSIVE} means "could not tell" (timeout, SERVFAIL,
 * refused connection) and is never a synonym for "missing".
 *
 * <p>The worst-of order follows the Nagios plugin convention (monitoring-plugins {@code
 * max_state_alt}): FAIL &gt; WARN &gt; INCONCLUSIVE &gt; INFO &gt; PASS. A definite problem
 * outranks an unknown; an unknown outranks "all good".
 */
public enum Severity {
  PASS(0, 0),
  INFO(1, 0),
  INCONCLUSIVE(2, 3),
  WARN(3, 1),
  FAIL(4, 2);

  private final int rank;
  private final int exitCode;

  Severity(int rank, int exitCode) {
    this.rank = rank;
    this.exitCode = exitCode;
  }

  /** The Nagios-style process exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
  public int exitCode() {
    return exitCode;
  }

  /** Lower-case name as published in the catalogue and JSON ("warn"). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isWorseThan(Severity other) {
    return rank > other.rank;
  }

  public static Severity worst(Severity a, Severity b) {
    return a.rank >= b.rank ? a : b;
  }

  /** Worst of all, or PASS for none. */
  public static Severity worstOf(Collection<Severity> severities) {
    Severity worst = PASS;
    for (Severity s : severities) {
      worst = worst(worst, s);
    }
    return worst;
  }

  public static Severity fromId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}
