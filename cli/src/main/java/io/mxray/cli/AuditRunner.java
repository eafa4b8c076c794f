package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.dane.DaneCheck;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.dnssec.DnssecCheck;
import io.mxray.reports.Ansi;
import io.mxray.reports.AuditJson;
import io.mxray.reports.AuditText;
import io.mxray.reports.Json;
import io.mxray.reports.NagiosStatus;
import io.mxray.reports.html.AuditHtml;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Runs a domain audit from CLI options and writes it out; shared by {@code audit} and {@code mx}.
 */
final class AuditRunner {

  private AuditRunner() {}

  /** Renders a report in the chosen format and returns the exit code for its severity. */
  static int write(AuditReport report, OutputOptions output, PrintWriter out) {
    String doc =
        switch (output.format()) {
          case json -> Json.pretty(AuditJson.of(report));
          case text -> AuditText.of(report, new Ansi(output.color()));
          case html -> AuditHtml.of(report, "mxray " + VersionProvider.version());
        };
    output.write(doc, out);
    return ExitCodes.of(report.severity());
  }

  static int run(
      String domainArg,
      Set<String> scope,
      DnsOptions dnsOptions,
      AuditOptions auditOptions,
      OutputOptions output,
      PrintWriter out) {
    return run(domainArg, scope, dnsOptions, auditOptions, output, out, false);
  }

  /** As above; {@code nagios} prints the one-line Nagios/Icinga status instead of the report. */
  static int run(
      String domainArg,
      Set<String> scope,
      DnsOptions dnsOptions,
      AuditOptions auditOptions,
      OutputOptions output,
      PrintWriter out,
      boolean nagios) {
    return run(
        domainArg,
        Registry.auditChecks().stream()
            .filter(c -> scope.isEmpty() || scope.stream().anyMatch(s -> c.id().matches(s)))
            .toList(),
        dnsOptions,
        auditOptions,
        output,
        out,
        nagios);
  }

  /**
   * Runs exactly these checks (a subcommand may configure its own, e.g. {@code dmarc --tree-walk}).
   */
  static int run(
      String domainArg,
      List<Check> checks,
      DnsOptions dnsOptions,
      AuditOptions auditOptions,
      OutputOptions output,
      PrintWriter out) {
    return run(domainArg, checks, dnsOptions, auditOptions, output, out, false);
  }

  private static int run(
      String domainArg,
      List<Check> checks,
      DnsOptions dnsOptions,
      AuditOptions auditOptions,
      OutputOptions output,
      PrintWriter out,
      boolean nagios) {
    DomainName domain = DomainName.parse(domainArg);
    checks = auditOptions.configure(checks);
    Set<String> selection = new HashSet<>(auditOptions.checks);
    for (String s : selection) {
      if (checks.stream().noneMatch(c -> c.id().matches(s))) {
        throw new UsageException(
            "--check "
                + s
                + ": no such check here; available: "
                + String.join(", ", checks.stream().map(c -> c.id().value()).toList()));
      }
    }
    AuditRequest request = auditOptions.request(domain.ascii());
    DnsClient dns = dnsOptions.client();
    List<Check> configured = withDnssecValidator(checks, dnsOptions);
    ExecutorService executor = Runtime.executor();
    try {
      Auditor auditor = new Auditor(configured, executor, Runtime.clock());
      AuditReport report = auditor.audit(request, Runtime.ports(dns)).join();
      if (nagios) {
        out.print(NagiosStatus.line(report));
        out.flush();
        return ExitCodes.of(report.severity());
      }
      return write(report, output, out);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * The registry's DNSSEC and DANE checks validate nothing by themselves (DANE falls back to the
   * resolver's AD flag); give them one validator over the same resolvers.
   */
  static List<Check> withDnssecValidator(List<Check> checks, DnsOptions dnsOptions) {
    if (checks.stream().noneMatch(c -> c instanceof DnssecCheck || c instanceof DaneCheck)) {
      return checks;
    }
    return dnsOptions
        .dnssecValidator()
        .<List<Check>>map(
            v ->
                checks.stream()
                    .map(
                        c ->
                            c instanceof DnssecCheck
                                ? new DnssecCheck(v)
                                : c instanceof DaneCheck d ? d.withValidator(v) : c)
                    .toList())
        .orElse(checks);
  }
}
