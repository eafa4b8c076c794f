package io.mxray.cli;

import io.mxray.core.dmarc.DmarcCheck;
import io.mxray.core.dmarc.DmarcDiscovery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray dmarc DOMAIN}: the DMARC policy that applies to a domain. */
@Command(
    name = "dmarc",
    mixinStandardHelpOptions = true,
    description = {
      "Check the DMARC policy that applies to a domain (RFC 7489).",
      "",
      "Reports where it is published"
          + " (_dmarc.DOMAIN or the organizational domain), its syntax and strictness for the domain and its"
          + " subdomains, and whether its report addresses are authorized and accept mail."
    },
    footer = {"", ExitCodes.HELP})
public final class DmarcCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The domain whose policy to find.")
  String domain;

  @Option(
      names = "--tree-walk",
      description =
          "Discover the policy with the DMARCbis DNS tree walk (RFC 9989) instead of the Public Suffix List.")
  boolean treeWalk;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DmarcCheck check =
        new DmarcCheck(treeWalk ? DmarcDiscovery.Mode.TREE_WALK : DmarcDiscovery.Mode.ORG_DOMAIN);
    return AuditRunner.run(domain, List.of(check), dns, audit, output, spec.commandLine().getOut());
  }
}
