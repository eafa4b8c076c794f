package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.reports.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: liveness for load balancers and probes; never touches DNS. */
public final class HealthHandler implements Handler<RoutingContext> {

  private final Services services;

  public HealthHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ObjectNode n = Json.object();
    n.put("status", "up");
    n.put("version", services.config().generator());
    n.put("cacheTtlSeconds", services.config().cacheTtl().toSeconds());
    ctx.response().putHeader("Cache-Control", "no-store");
    Responses.json(ctx, 200, n);
  }
}
