package io.mxray.web;

import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.BounceReport;
import io.mxray.reports.BounceJson;
import io.mxray.reports.html.BounceHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/bounce}: explain a bounce (the raw message as body): per recipient the
 * reason, hard/soft, explanation, advice and the rule that decided it — as {@code mxray bounce}
 * does. No I/O.
 */
public final class BounceHandler implements Handler<RoutingContext> {

  private final Services services;
  private final BounceExplainer explainer = new BounceExplainer();

  public BounceHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    byte[] body = Rendered.body(ctx, "bounce message");
    boolean html = Responses.wantsHtml(ctx);
    Rendered.respond(
        ctx,
        services,
        () -> {
          BounceReport r = explainer.explain(body);
          var json = BounceJson.of(r, null, null);
          return html
              ? Rendered.html(
                  BounceHtml.of(r, json, services.clock().instant(), services.config().generator()))
              : Rendered.json(json);
        });
  }
}
