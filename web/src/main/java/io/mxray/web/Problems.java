package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.dns.InvalidDomainException;
import io.mxray.reports.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Answers every error as RFC 9457 {@code application/problem+json}: {@code type} ({@code
 * urn:mxray:problem:<slug>}), {@code title}, {@code status}, {@code detail}, {@code instance} (the
 * request path) plus extension members (e.g. {@code retryAfterSeconds}, {@code address}).
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  public static final String TYPE_PREFIX = "urn:mxray:problem:";

  private Problems() {}

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable f = ctx.failure();
    while ((f instanceof java.util.concurrent.CompletionException
            || f instanceof java.util.concurrent.ExecutionException)
        && f.getCause() != null) {
      f = f.getCause(); // failures of bridged core futures arrive wrapped
    }
    if (f instanceof ApiException e) {
      send(ctx, e);
    } else if (f instanceof InvalidDomainException e) {
      send(ctx, ApiException.badRequest(e.getMessage()));
    } else if (f == null) {
      send(ctx, forStatus(ctx.statusCode()));
    } else {
      send(
          ctx,
          new ApiException(
              500,
              "internal-error",
              "Internal error",
              "The service failed unexpectedly ("
                  + f.getClass().getSimpleName()
                  + "); please report it."));
    }
  }

  static ApiException forStatus(int status) {
    return switch (status) {
      case 404 ->
          new ApiException(
              404, "not-found", "Not found", "There is no such resource; see /openapi.json.");
      case 405 ->
          new ApiException(
              405,
              "method-not-allowed",
              "Method not allowed",
              "This resource does not accept that method; see /openapi.json.");
      case 413 ->
          new ApiException(
              413,
              "body-too-large",
              "Request body too large",
              "The request body exceeds the service's limit.");
      case 503 ->
          new ApiException(
              503,
              "timeout",
              "Request timed out",
              "The request did not finish within the service's deadline; retry later.");
      case 400 -> ApiException.badRequest("The request could not be read.");
      default ->
          new ApiException(
              status < 400 ? 500 : status, "http-" + status, "HTTP error " + status, "");
    };
  }

  public static void send(RoutingContext ctx, ApiException e) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    ObjectNode n = Json.object();
    n.put("type", TYPE_PREFIX + e.slug());
    n.put("title", e.title());
    n.put("status", e.status());
    if (e.getMessage() != null && !e.getMessage().isEmpty()) {
      n.put("detail", e.getMessage());
    }
    n.put("instance", ctx.request().path());
    for (Map.Entry<String, Object> x : e.extensions().entrySet()) {
      n.set(x.getKey(), Json.tree(x.getValue()));
    }
    Object retry = e.extensions().get("retryAfterSeconds");
    if (retry != null) {
      ctx.response().putHeader("Retry-After", String.valueOf(retry));
    }
    ctx.response()
        .setStatusCode(e.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(Json.pretty(n));
  }
}
