package io.mxray.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray mx DOMAIN}: mail exchangers, their reverse DNS and the delegation. */
@Command(
    name = "mx",
    mixinStandardHelpOptions = true,
    description =
        "Audit a domain's mail exchangers (MX), their reverse DNS (PTR, FCrDNS) and name servers (NS).",
    footer = {"", ExitCodes.HELP})
public final class MxCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The domain to audit.")
  String domain;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return AuditRunner.run(
        domain, Set.of("mx", "ptr", "ns"), dns, audit, output, spec.commandLine().getOut());
  }
}
