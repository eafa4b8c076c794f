package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.Registry;
import io.mxray.reports.Json;
import io.mxray.reports.html.CodesHtml;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/codes}: the findings catalogue (the same document as {@code mxray codes -f json}). */
public final class CodesHandler implements Handler<RoutingContext> {

  private final Services services;

  public CodesHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (Responses.wantsHtml(ctx)) {
      Responses.html(ctx, 200, CodesHtml.of(Registry.findingCodes(), services.config().generator()));
      return;
    }
    ObjectNode root = Json.object();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    var arr = root.putArray("codes");
    Registry.findingCodes().forEach(c -> arr.add(Json.code(c)));
    Responses.json(ctx, 200, root);
  }
}
