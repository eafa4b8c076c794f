package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A response document computed off the event loop: JSON, or an HTML page. {@link #respond} runs the
 * work on the worker pool and answers when it is done (unless the request timed out meanwhile).
 */
record Rendered(ObjectNode json, String html) {

  static Rendered json(ObjectNode json) {
    return new Rendered(json, null);
  }

  static Rendered html(String html) {
    return new Rendered(null, html);
  }

  static void respond(RoutingContext ctx, Services services, Supplier<Rendered> work) {
    CompletableFuture<Rendered> f = CompletableFuture.supplyAsync(work, services.workers());
    Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
        .onSuccess(
            out -> {
              if (ctx.response().ended()) {
                return;
              }
              if (out.html() != null) {
                Responses.html(ctx, 200, out.html());
              } else {
                Responses.json(ctx, 200, out.json());
              }
            })
        .onFailure(ctx::fail);
  }

  /** The request body as bytes; a 400 problem when there is none. */
  static byte[] body(RoutingContext ctx, String what) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw ApiException.badRequest("POST the raw " + what + " as the request body");
    }
    return ctx.body().buffer().getBytes();
  }
}
