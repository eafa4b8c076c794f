package io.mxray.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves one class-path resource loaded at start-up: the dashboard ({@code /}) and {@code
 * /openapi.json}.
 */
public final class StaticHandler implements Handler<RoutingContext> {

  private final String body;
  private final String contentType;
  private final String csp;

  public StaticHandler(String resource, String contentType, String csp) {
    try (InputStream in = StaticHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.contentType = contentType;
    this.csp = csp;
  }

  public String body() {
    return body;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (csp != null) {
      ctx.response().putHeader("Content-Security-Policy", csp);
    }
    ctx.response().putHeader("Content-Type", contentType).end(body);
  }
}
