package io.mxray.cli;

import io.mxray.core.dns.InvalidDomainException;
import io.mxray.core.watch.WatchStoreException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point. Turns every user error (and a watch database that cannot be used: down, refused,
 * lost) into one line on stderr and exit code 64, and every bug into one line and exit code 70 (the
 * stack trace only with MXRAY_DEBUG=1).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The configured command line, with its error handlers; tests call {@code execute} on it. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new MxrayCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("mxray: " + ex.getMessage());
          c.getErr()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof UsageException
              || ex instanceof InvalidDomainException
              || ex instanceof WatchStoreException) {
            c.getErr().println("mxray: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          c.getErr()
              .println(
                  "mxray: internal error: "
                      + ex.getClass().getSimpleName()
                      + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                      + " (set MXRAY_DEBUG=1 for the stack trace; please report it)");
          if (System.getenv("MXRAY_DEBUG") != null) {
            ex.printStackTrace(c.getErr());
          }
          return ExitCodes.INTERNAL;
        });
    return cl;
  }
}
