package io.mxray.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray audit DOMAIN}: every check mxray has. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Audit a domain's mail DNS: every check mxray has (see 'mxray codes').",
    footer = {"", ExitCodes.HELP})
public final class AuditCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The domain to audit (IDN allowed, e.g. 例え.jp).")
  String domain;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return AuditRunner.run(domain, Set.of(), dns, audit, output, spec.commandLine().getOut());
  }
}
