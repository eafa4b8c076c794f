package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.FeedbackStore;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.feedback.TlsReport;
import io.mxray.core.insight.DmarcInsight;
import io.mxray.core.insight.DmarcInsightAnalyzer;
import io.mxray.core.insight.TlsInsight;
import io.mxray.core.insight.TlsInsightAnalyzer;
import io.mxray.reports.Ansi;
import io.mxray.reports.InsightJson;
import io.mxray.reports.Json;
import io.mxray.reports.html.SectionHtml;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray report insight DOMAIN}: what the stored reports say, checked against DNS now. */
@Command(
    name = "insight",
    mixinStandardHelpOptions = true,
    description = {
      "Report intelligence for DOMAIN over the last --days: every source that sends as it (IP, reverse DNS,"
          + " volume, what it authenticates as), aligned SPF/DKIM pass rates, what p=quarantine and p=reject"
          + " would do, and a readiness verdict naming each source that would fail with its fix — checked"
          + " against the domain's current SPF record and DKIM keys. TLS-RPT failures are joined with a live"
          + " probe, MTA-STS and DANE check of the same MX with --audit."
    },
    footer = {"", ExitCodes.HELP})
public final class ReportInsightCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DOMAIN")
  String domain;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "30",
      description = "The period: the last N days. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(
      names = "--audit",
      description =
          "Also probe the domain's MX hosts and check MTA-STS and DANE now, to confirm TLS-RPT failures.")
  boolean audit;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or html. Default: ${DEFAULT-VALUE}.")
  OutputOptions.Format format;

  @Mixin DnsOptions dns;
  @Mixin WatchCommand.StoreOptions store;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String d = DomainName.parse(domain).ascii();
    if (days < 1 || days > 3660) {
      throw new UsageException("--days must be between 1 and 3660");
    }
    Instant to = Runtime.clock().instant();
    Instant from = to.minus(Duration.ofDays(days));
    List<AggregateReport> agg;
    List<TlsReport> tls;
    try (JdbcFeedbackStore s = ReportCommand.open(store, new FeedbackReader())) {
      agg = aggregates(s, d, from, to);
      tls = tlsReports(s, d, from, to);
    }
    DnsClient client = dns.client();
    DmarcInsight di = new DmarcInsightAnalyzer(client, Runtime.clock()).analyze(d, agg, from, to);
    Optional<AuditReport> live = audit ? Optional.of(liveAudit(d, client)) : Optional.empty();
    TlsInsight ti = TlsInsightAnalyzer.analyze(d, tls, from, to, live);
    String doc =
        switch (format) {
          case json -> Json.pretty(InsightJson.of(di, ti));
          case text -> InsightJson.text(di, ti, Ansi.OFF);
          case html ->
              SectionHtml.of(
                  d,
                  "insight",
                  "Report intelligence",
                  InsightJson.of(di, ti).has("findings") ? all(di, ti) : List.of(),
                  InsightJson.of(di, ti),
                  Runtime.clock().instant(),
                  "mxray " + VersionProvider.version());
        };
    ReportCommand.write(doc, null, spec.commandLine().getOut());
    List<io.mxray.core.finding.Finding> findings = all(di, ti);
    return ExitCodes.of(
        io.mxray.core.finding.Severity.worstOf(findings.stream().map(f -> f.severity()).toList()));
  }

  private static List<io.mxray.core.finding.Finding> all(DmarcInsight d, TlsInsight t) {
    List<io.mxray.core.finding.Finding> l = new java.util.ArrayList<>(d.findings());
    l.addAll(t.findings());
    return l;
  }

  static List<AggregateReport> aggregates(FeedbackStore s, String d, Instant from, Instant to) {
    return s.reports(FeedbackReport.Kind.DMARC_AGGREGATE, d, from, to).stream()
        .map(r -> (AggregateReport) r)
        .toList();
  }

  static List<TlsReport> tlsReports(FeedbackStore s, String d, Instant from, Instant to) {
    return s.reports(FeedbackReport.Kind.TLSRPT, d, from, to).stream()
        .map(r -> (TlsReport) r)
        .toList();
  }

  private AuditReport liveAudit(String d, DnsClient client) {
    List<Check> checks =
        Registry.auditChecks().stream()
            .filter(c -> Set.of("smtp", "mta-sts", "dane", "mx").contains(c.id().value()))
            .toList();
    ExecutorService ex = Runtime.executor();
    try {
      return new Auditor(AuditRunner.withDnssecValidator(checks, dns), ex, Runtime.clock())
          .audit(AuditRequest.of(d).withProbe(true), Runtime.ports(client))
          .join();
    } finally {
      ex.shutdownNow();
    }
  }
}
