package io.mxray.cli;

import io.mxray.core.dnsbl.Blocklist;
import io.mxray.core.dnsbl.BlocklistConfig;
import io.mxray.core.net.Cidr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that shape a domain audit. */
public final class AuditOptions {

  @Option(
      names = "--check",
      paramLabel = "ID",
      split = ",",
      description =
          "Run only these checks (ids or prefixes, e.g. mx,ptr). Default: all of the command's checks.")
  List<String> checks = new ArrayList<>();

  @Option(
      names = "--assume-public",
      paramLabel = "CIDR",
      split = ",",
      description =
          "Treat addresses in these blocks as public (labs and test zones that use documentation,"
              + " private or loopback addresses), e.g. 192.0.2.0/24.")
  List<String> assumePublic = new ArrayList<>();

  @Option(
      names = "--dkim-selector",
      paramLabel = "SELECTOR",
      description =
          "A DKIM selector to look up besides the common ones (repeatable; from s= of a DKIM-Signature).")
  List<String> dkimSelectors = new ArrayList<>();

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "Deadline for each check; a check that runs longer is reported as audit.check-timeout."
              + " Default: ${DEFAULT-VALUE}.")
  String checkTimeout;

  @Option(
      names = "--no-probe",
      description =
          "Do not connect to the domain's servers (by default the audit probes port 25 of each MX).")
  boolean noProbe;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM file of CA certificates to trust besides the JDK's when probing (a private CA, a lab).")
  Path caFile;

  @Option(
      names = "--rbl-config",
      paramLabel = "FILE",
      description = "Blocklists to query instead of the bundled ones (format: see docs/rbl.md).")
  Path rblConfig;

  /** The blocklists to use: the user's file, or the bundled defaults. */
  List<Blocklist> blocklists() {
    if (rblConfig == null) {
      return BlocklistConfig.defaults();
    }
    try {
      return BlocklistConfig.load(rblConfig);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  List<Cidr> assumePublicBlocks() {
    List<Cidr> out = new ArrayList<>();
    for (String s : assumePublic) {
      try {
        out.add(Cidr.parse(s));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--assume-public: " + e.getMessage());
      }
    }
    return out;
  }

  /** The checks as these options configure them: {@code --rbl-config} replaces the blocklists. */
  List<io.mxray.core.audit.Check> configure(List<io.mxray.core.audit.Check> checks) {
    if (rblConfig == null) {
      return checks;
    }
    List<Blocklist> lists = blocklists();
    return checks.stream()
        .map(
            c ->
                c instanceof io.mxray.core.dnsbl.DnsblCheck
                    ? (io.mxray.core.audit.Check) new io.mxray.core.dnsbl.DnsblCheck(lists)
                    : c)
        .toList();
  }

  /** A request for {@code domain} with every option here applied (probes on unless --no-probe). */
  io.mxray.core.audit.AuditRequest request(String domain) {
    return io.mxray.core.audit.AuditRequest.of(domain)
        .withChecks(new java.util.HashSet<>(checks))
        .withProbe(!noProbe)
        .withAssumePublic(assumePublicBlocks())
        .withDkimSelectors(dkimSelectors)
        .withExtraTrust(caFile == null ? List.of() : ProbeCommand.readCas(caFile))
        .withCheckTimeout(DnsOptions.parseDuration(checkTimeout, "--check-timeout"));
  }
}
