package io.mxray.cli;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.RecordingDnsClient;
import io.mxray.core.dnsbl.DnsblCheck;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray rbl IP|DOMAIN}: blocklist status of an address, or of a domain's mail exchangers.
 */
@Command(
    name = "rbl",
    mixinStandardHelpOptions = true,
    description = {
      "Check an IP address, or a domain's MX addresses and names, against DNS blocklists.",
      "Refused queries (public resolvers, rate limits) and timeouts are reported as inconclusive, never as listed."
    },
    footer = {"", ExitCodes.HELP})
public final class RblCommand implements Callable<Integer> {

  @Parameters(paramLabel = "IP|DOMAIN", description = "An IPv4/IPv6 address, or a domain.")
  String target;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Optional<InetAddress> ip = Addresses.parse(target);
    if (ip.isEmpty()) {
      return AuditRunner.run(
          target, Set.of("rbl"), dns, audit, output, spec.commandLine().getOut());
    }
    long t0 = System.nanoTime();
    RecordingDnsClient recorder = new RecordingDnsClient(dns.client());
    DnsClient client = recorder;
    String subject = Addresses.toText(ip.get());
    CheckResult result =
        new DnsblCheck(audit.blocklists()).run(client, List.of(ip.get()), List.of(), subject);
    AuditReport report =
        new AuditReport(
            subject,
            result.severity(),
            List.of(result),
            recorder.queries(),
            Runtime.clock().instant(),
            (System.nanoTime() - t0) / 1_000_000);
    return AuditRunner.write(report, output, spec.commandLine().getOut());
  }
}
