package io.mxray.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray mta-sts DOMAIN}: MTA-STS and TLS-RPT. */
@Command(
    name = "mta-sts",
    mixinStandardHelpOptions = true,
    description = {
      "Check a domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).",
      "",
      "Checks the _mta-sts record, the policy"
          + " fetched from https://mta-sts.DOMAIN/.well-known/mta-sts.txt (certificate validated, no redirects),"
          + " MX coverage, and the _smtp._tls reporting record."
    },
    footer = {"", ExitCodes.HELP})
public final class MtaStsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The domain to check.")
  String domain;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return AuditRunner.run(
        domain, Set.of("mta-sts", "tls-rpt"), dns, audit, output, spec.commandLine().getOut());
  }
}
