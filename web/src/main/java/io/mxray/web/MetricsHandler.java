package io.mxray.web;

import io.mxray.reports.WatchMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;

/** {@code GET /metrics}: Prometheus text exposition (Micrometer), rendered off the event loop. */
public final class MetricsHandler implements Handler<RoutingContext> {

  private final Services services;

  public MetricsHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    CompletableFuture<String> text =
        CompletableFuture.supplyAsync(
            () ->
                services.metrics().scrape()
                    + services.watch().map(w -> WatchMetrics.render(w.gauges())).orElse(""),
            services.workers());
    Future.fromCompletionStage(text, ctx.vertx().getOrCreateContext())
        .onSuccess(
            body ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(body))
        .onFailure(ctx::fail);
  }
}
