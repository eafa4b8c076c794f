package io.mxray.cli;

import io.mxray.core.dns.InvalidDomainException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray audit DOMAIN}: every check mxray has. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Audit a domain's mail DNS: every check mxray has (see 'mxray codes').",
    footer = {"", ExitCodes.HELP})
public final class AuditCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The domain to audit (IDN allowed, e.g. 例え.jp).")
  String domain;

  @Option(
      names = "--nagios",
      description =
          "Print one Nagios/Icinga status line with perfdata instead of the"
              + " report (MXRAY WARNING - example.com: 2 warnings, 0 failures | warnings=2;;;0 ...); exit 0 OK,"
              + " 1 WARNING, 2 CRITICAL, 3 UNKNOWN, also for usage and internal errors.")
  boolean nagios;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!nagios) {
      return AuditRunner.run(domain, Set.of(), dns, audit, output, spec.commandLine().getOut());
    }
    // A monitoring system only understands 0-3: every error is UNKNOWN, said on the status line.
    try {
      return AuditRunner.run(
          domain, Set.of(), dns, audit, output, spec.commandLine().getOut(), true);
    } catch (UsageException | InvalidDomainException e) {
      spec.commandLine().getOut().println("MXRAY UNKNOWN - " + e.getMessage().replace('|', '/'));
      return ExitCodes.INCONCLUSIVE;
    } catch (RuntimeException e) {
      spec.commandLine()
          .getOut()
          .println("MXRAY UNKNOWN - internal error: " + e.getClass().getSimpleName());
      return ExitCodes.INCONCLUSIVE;
    }
  }
}
