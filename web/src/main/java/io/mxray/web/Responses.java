package io.mxray.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** Content negotiation and the common response headers. */
public final class Responses {

  private Responses() {}

  /**
   * True if the client asked for HTML: {@code ?format=html}, or an Accept header preferring
   * text/html.
   */
  public static boolean wantsHtml(RoutingContext ctx) {
    List<String> format = ctx.queryParam("format");
    if (!format.isEmpty()) {
      String f = format.get(0).toLowerCase(Locale.ROOT);
      if (!f.equals("html") && !f.equals("json")) {
        throw ApiException.badRequest("format must be json or html");
      }
      return f.equals("html");
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }

  public static void json(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(Json.pretty(body));
  }

  public static void html(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        // The report is self-contained: forbid every external load and every script in it.
        .putHeader(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                + " frame-ancestors 'self'")
        .end(body);
  }

  /** Cache headers describing a result cache hit or miss. */
  public static void cacheHeaders(RoutingContext ctx, ResultCache.Hit<?> hit) {
    long remaining = Math.max(0, hit.ttlSeconds() - hit.ageSeconds());
    ctx.response()
        .putHeader("X-Mxray-Cache", hit.cached() ? "hit" : "miss")
        .putHeader("Age", String.valueOf(hit.ageSeconds()))
        .putHeader("Cache-Control", "max-age=" + remaining);
  }
}
