package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.reports.Ansi;
import io.mxray.reports.AuditJson;
import io.mxray.reports.AuditText;
import io.mxray.reports.Json;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Runs a domain audit from CLI options and writes it out; shared by {@code audit} and {@code mx}. */
final class AuditRunner {

  private AuditRunner() {}

  static int run(String domainArg, Set<String> scope, DnsOptions dnsOptions, AuditOptions auditOptions,
      OutputOptions output, PrintWriter out) {
    DomainName domain = DomainName.parse(domainArg);
    Set<String> selection = new HashSet<>(auditOptions.checks);
    List<Check> checks = Registry.auditChecks().stream()
        .filter(c -> scope.isEmpty() || scope.stream().anyMatch(s -> c.id().matches(s)))
        .toList();
    for (String s : selection) {
      if (checks.stream().noneMatch(c -> c.id().matches(s))) {
        throw new UsageException("--check " + s + ": no such check here; available: "
            + String.join(", ", checks.stream().map(c -> c.id().value()).toList()));
      }
    }
    AuditRequest request = AuditRequest.of(domain.ascii())
        .withChecks(selection)
        .withProbe(!auditOptions.noProbe)
        .withAssumePublic(auditOptions.assumePublicBlocks())
        .withCheckTimeout(DnsOptions.parseDuration(auditOptions.checkTimeout, "--check-timeout"));
    DnsClient dns = dnsOptions.client();
    ExecutorService executor = Runtime.executor();
    try {
      Auditor auditor = new Auditor(checks, executor, Runtime.clock());
      AuditReport report = auditor.audit(request, Runtime.ports(dns)).join();
      String doc = switch (output.format()) {
        case json -> Json.pretty(AuditJson.of(report));
        case text -> AuditText.of(report, new Ansi(output.color()));
      };
      output.write(doc, out);
      return ExitCodes.of(report.severity());
    } finally {
      executor.shutdownNow();
    }
  }
}
