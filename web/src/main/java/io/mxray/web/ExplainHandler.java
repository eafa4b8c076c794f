package io.mxray.web;

import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.BounceReport;
import io.mxray.reports.ExplainJson;
import io.mxray.reports.html.SectionHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/explain?code=550 5.1.1}: what a reply code, enhanced status code or reply line
 * means — as {@code mxray explain} does — or, for a finding code of the catalogue ({@code
 * mx.null}), its meaning, default severity and source. No I/O.
 */
public final class ExplainHandler implements Handler<RoutingContext> {

  static final int MAX_INPUT = 4096;

  private final Services services;
  private final BounceExplainer explainer = new BounceExplainer();

  public ExplainHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String code = ctx.queryParams().get("code");
    if (code == null || code.isBlank()) {
      throw ApiException.badRequest(
          "code: give a reply code, status code or reply line, e.g. ?code=550 5.1.1");
    }
    if (code.length() > MAX_INPUT) {
      throw ApiException.badRequest("code: longer than " + MAX_INPUT + " characters");
    }
    String input = code.strip();
    boolean html = Responses.wantsHtml(ctx);
    java.util.Optional<io.mxray.core.finding.FindingCode> finding =
        io.mxray.core.Registry.code(input.toLowerCase(java.util.Locale.ROOT));
    if (finding.isPresent()) {
      // A finding code from the catalogue (mx.null): its meaning, default severity and source.
      io.mxray.core.finding.FindingCode c = finding.get();
      Rendered.respond(
          ctx,
          services,
          () -> {
            var json = ExplainJson.code(c);
            return html
                ? Rendered.html(
                    io.mxray.reports.html.CodesHtml.of(
                        java.util.List.of(c), services.config().generator()))
                : Rendered.json(json);
          });
      return;
    }
    Rendered.respond(
        ctx,
        services,
        () -> {
          BounceReport r = explainer.explainReply(input);
          var json = ExplainJson.reply(input, r);
          return html
              ? Rendered.html(
                  SectionHtml.of(
                      input,
                      "explain",
                      "Reply explanation",
                      r.findings(),
                      json,
                      services.clock().instant(),
                      services.config().generator()))
              : Rendered.json(json);
        });
  }
}
