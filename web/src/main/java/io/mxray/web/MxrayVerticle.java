package io.mxray.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** The HTTP service: one server on the configured address, routes from {@link Api}. */
public final class MxrayVerticle extends VerticleBase {

  private final Services services;
  private HttpServer server;

  public MxrayVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    WebConfig cfg = services.config();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(cfg.bind())
            .setPort(cfg.port())
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384)
            .setIdleTimeout(120);
    return vertx
        .createHttpServer(options)
        .requestHandler(Api.router(vertx, services))
        .listen()
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> stop() {
    services.close();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
