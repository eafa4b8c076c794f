package io.mxray.web;

import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfCheck;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfLimits;
import io.mxray.core.spf.SpfRequest;
import io.mxray.reports.SpfJson;
import io.mxray.reports.html.AuditHtml;
import io.mxray.reports.html.SectionHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/spf/{domain}}: the SPF audit with its include/redirect tree; with {@code ?ip=}
 * (and optional {@code sender}, {@code helo}) the {@code check_host()} evaluation, as {@code mxray
 * spf} does. DNS only: no connection is opened.
 */
public final class SpfHandler implements Handler<RoutingContext> {

  private final Services services;

  public SpfHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
    String ipParam = ctx.queryParams().get("ip");
    String sender = ctx.queryParams().get("sender");
    String helo = ctx.queryParams().get("helo");
    boolean html = Responses.wantsHtml(ctx);
    String generator = services.config().generator();
    if (ipParam == null || ipParam.isBlank()) {
      Rendered.respond(
          ctx,
          services,
          () -> {
            var dns = new CachingDnsClient(services.dns(), services.clock());
            var r = new SpfCheck().audit(dns, domain, Optional.empty());
            if (html) {
              return Rendered.html(
                  AuditHtml.of(
                      new io.mxray.core.audit.AuditReport(
                          domain,
                          r.severity(),
                          List.of(r),
                          List.of(),
                          services.clock().instant(),
                          r.durationMs()),
                      generator));
            }
            return Rendered.json(SpfJson.audit(domain, r));
          });
      return;
    }
    InetAddress ip =
        Addresses.parse(ipParam)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "ip: '" + ipParam + "' is not an IPv4 or IPv6 address"));
    if (sender != null && sender.length() > 320 || helo != null && helo.length() > 255) {
      throw ApiException.badRequest("sender or helo is too long");
    }
    SpfRequest request = SpfRequest.forDomain(ip, domain, sender, helo);
    Rendered.respond(
        ctx,
        services,
        () -> {
          var dns = new CachingDnsClient(services.dns(), services.clock());
          SpfEvaluation e =
              new SpfEvaluator(
                      dns,
                      new SpfEvaluator.Options(
                          SpfLimits.RFC, Optional.empty(), "mxray", services.clock()))
                  .checkHost(request);
          List<Finding> findings = e.findings(request);
          var json = SpfJson.evaluation(request, e, findings);
          return html
              ? Rendered.html(
                  SectionHtml.of(
                      domain,
                      "spf.evaluation",
                      "SPF check_host() evaluation",
                      findings,
                      json,
                      services.clock().instant(),
                      generator))
              : Rendered.json(json);
        });
  }
}
