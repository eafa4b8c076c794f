package io.mxray.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /schema/{name}}: the published JSON Schemas of the API's documents, copied from
 * docs/schema into the jar at build time. They refer to each other by relative {@code $ref}
 * (common.schema.json), so a client that maps their {@code https://mxray.io/schema/v1/} ids to this
 * path resolves them all from the service.
 */
public final class SchemaHandler implements Handler<RoutingContext> {

  /** Every file of docs/schema; a test keeps this list equal to the directory. */
  static final List<String> NAMES =
      List.of(
          "audit.schema.json",
          "bounce.schema.json",
          "codes.schema.json",
          "common.schema.json",
          "explain.schema.json",
          "feedback.schema.json",
          "headers.schema.json",
          "mailtest.schema.json",
          "probe.schema.json",
          "spf.schema.json",
          "watch.schema.json");

  private final Map<String, StaticHandler> schemas = new TreeMap<>();

  public SchemaHandler() {
    for (String name : NAMES) {
      schemas.put(
          name, new StaticHandler("/io/mxray/web/schema/" + name, "application/schema+json", null));
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    StaticHandler schema = schemas.get(ctx.pathParam("name"));
    if (schema == null) {
      Problems.send(ctx, Problems.forStatus(404));
      return;
    }
    schema.handle(ctx);
  }
}
