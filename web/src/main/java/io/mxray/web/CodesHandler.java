package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.Registry;
import io.mxray.reports.Json;
import io.mxray.reports.html.CodesHtml;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/v1/codes}: the findings catalogue (the same document as {@code mxray codes -f
 * json}).
 */
public final class CodesHandler implements Handler<RoutingContext> {

  private final Services services;

  public CodesHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean html = Responses.wantsHtml(ctx);
    // Rendering is quick but still template work: keep it off the event loop like every other
    // handler.
    CompletableFuture<Object> doc =
        CompletableFuture.supplyAsync(
            () -> {
              if (html) {
                return CodesHtml.of(Registry.findingCodes(), services.config().generator());
              }
              return Json.catalogue(Registry.findingCodes());
            },
            services.workers());
    Future.fromCompletionStage(doc, ctx.vertx().getOrCreateContext())
        .onSuccess(
            d -> {
              if (d instanceof String page) {
                Responses.html(ctx, 200, page);
              } else {
                Responses.json(ctx, 200, (ObjectNode) d);
              }
            })
        .onFailure(ctx::fail);
  }
}
