package io.mxray.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray dkim DOMAIN [--selector S]...}: the DKIM keys a domain publishes. */
@Command(
    name = "dkim",
    mixinStandardHelpOptions = true,
    description = {
      "Check a domain's DKIM public keys (RFC 6376, RFC 8463).",
      "",
      "Looks up the selectors given plus a list of"
          + " common ones, looked up in parallel; rates key type and size. Not finding a key does not prove there is"
          + " no DKIM: selectors cannot be listed, so name yours with --selector."
    },
    footer = {"", ExitCodes.HELP})
public final class DkimCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN", description = "The signing domain (d= of a DKIM-Signature).")
  String domain;

  @Option(
      names = {"-s", "--selector"},
      paramLabel = "SELECTOR",
      description = "A selector to look up (repeatable), from s= of a DKIM-Signature header.")
  List<String> selectors = new ArrayList<>();

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    audit.dkimSelectors.addAll(selectors);
    return AuditRunner.run(domain, Set.of("dkim"), dns, audit, output, spec.commandLine().getOut());
  }
}
