package io.mxray.cli;

import io.mxray.core.finding.Severity;

/** Process exit codes: the Nagios plugin convention for results, sysexits.h for errors. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int WARN = 1;
  public static final int FAIL = 2;
  public static final int INCONCLUSIVE = 3;
  public static final int USAGE = 64;
  public static final int INTERNAL = 70;

  public static final String HELP =
      "Exit codes:%n"
          + "  0   worst finding is PASS or INFO%n"
          + "  1   worst finding is WARN%n"
          + "  2   worst finding is FAIL%n"
          + "  3   worst finding is INCONCLUSIVE (could not tell: timeout, SERVFAIL, refused)%n"
          + "  64  usage error (bad option, bad domain name, unreadable zone file)%n"
          + "  70  internal error (a bug: please report it)";

  private ExitCodes() {}

  public static int of(Severity worst) {
    return worst.exitCode();
  }
}
