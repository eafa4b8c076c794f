package io.mxray.web;

import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.headers.DiscoveredDmarcPolicy;
import io.mxray.core.headers.EvaluatorSpfVerifier;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfLimits;
import io.mxray.reports.HeadersJson;
import io.mxray.reports.html.HeadersHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /api/v1/headers}: analyse pasted headers or a whole message (the raw body): hop
 * table, DKIM/ARC verification, SPF re-evaluation, DMARC, checklist — as {@code mxray headers}
 * does. DNS only.
 */
public final class HeadersHandler implements Handler<RoutingContext> {

  private final Services services;

  public HeadersHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    byte[] body = Rendered.body(ctx, "message or header block");
    boolean html = Responses.wantsHtml(ctx);
    Rendered.respond(
        ctx,
        services,
        () -> {
          DnsClient dns = new CachingDnsClient(services.dns(), services.clock());
          MessageAnalyzer analyzer =
              new MessageAnalyzer(
                  Optional.of(dns),
                  services.clock(),
                  new EvaluatorSpfVerifier(
                      dns,
                      new SpfEvaluator.Options(
                          SpfLimits.RFC, Optional.empty(), "mxray", services.clock())),
                  new DiscoveredDmarcPolicy(dns));
          MessageAnalysis a = analyzer.analyze(HeaderParser.parse(body));
          return html
              ? Rendered.html(
                  HeadersHtml.of(a, services.clock().instant(), services.config().generator()))
              : Rendered.json(HeadersJson.of(a));
        });
  }
}
