package io.mxray.web;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.dns.DomainName;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.TlsReport;
import io.mxray.core.insight.DmarcInsight;
import io.mxray.core.insight.DmarcInsightAnalyzer;
import io.mxray.core.insight.TlsInsight;
import io.mxray.core.insight.TlsInsightAnalyzer;
import io.mxray.reports.InsightJson;
import io.mxray.reports.html.SectionHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/insight/{domain}?days=30&audit=on}: report intelligence of a domain (DMARC
 * readiness, sources, policy steps; TLS-RPT failures, joined with a live smtp/mta-sts/dane audit
 * through the guarded ports when {@code audit=on}).
 */
final class InsightHandler implements Handler<RoutingContext> {

  private final Services s;

  InsightHandler(Services s) {
    this.s = s;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ReportHost host = ReportsApi.host(s);
    String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
    int days = ReportParams.intParam(ctx, "days", 30, 1, 3660);
    boolean audit = ReportParams.flag(ctx, "audit");
    boolean html = Responses.wantsHtml(ctx);
    Rendered.respond(
        ctx,
        s,
        () -> {
          Instant to = s.clock().instant();
          Instant from = to.minus(Duration.ofDays(days));
          List<AggregateReport> agg =
              host.store().reports(FeedbackReport.Kind.DMARC_AGGREGATE, domain, from, to).stream()
                  .map(r -> (AggregateReport) r)
                  .toList();
          List<TlsReport> tls =
              host.store().reports(FeedbackReport.Kind.TLSRPT, domain, from, to).stream()
                  .map(r -> (TlsReport) r)
                  .toList();
          DmarcInsight d =
              new DmarcInsightAnalyzer(s.dns(), s.clock()).analyze(domain, agg, from, to);
          Optional<AuditReport> live = Optional.empty();
          if (audit) {
            live =
                Optional.of(
                    s.auditor()
                        .audit(
                            AuditRequest.of(domain)
                                .withChecks(Set.of("mx", "smtp", "mta-sts", "dane"))
                                .withProbe(true)
                                .withAssumePublic(s.config().assumePublic())
                                .withCheckTimeout(s.config().checkTimeout()),
                            s.ports())
                        .join());
          }
          TlsInsight t = TlsInsightAnalyzer.analyze(domain, tls, from, to, live);
          var doc = InsightJson.of(d, t);
          if (!html) {
            return Rendered.json(doc);
          }
          List<io.mxray.core.finding.Finding> all = new ArrayList<>(d.findings());
          all.addAll(t.findings());
          return Rendered.html(
              SectionHtml.of(
                  domain, "insight", "Report intelligence", all, doc, to, s.config().generator()));
        });
  }
}
