package io.mxray.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.OptionalLong;

/**
 * The routes. Only wiring: each resource is one small handler class. To add an endpoint, write a
 * {@code Handler<RoutingContext>} taking {@link Services}, add one {@link #mount} line here, and
 * add its path to {@code openapi.json} (a test fails if the two disagree).
 */
public final class Api {

  /** Routing-context key holding the matched route template, for metrics labels. */
  static final String ROUTE = "mxray.route";

  public static final String PREFIX = "/api/v1";

  private Api() {}

  public static Router router(Vertx vertx, Services s) {
    Router r = Router.router(vertx);
    r.route().handler(ctx -> observe(ctx, s));
    r.route(PREFIX + "/*").handler(ctx -> rateLimit(ctx, s));
    r.route(PREFIX + "/*")
        .handler(TimeoutHandler.create(s.config().requestTimeout().toMillis(), 503));
    // Bodies are read (and capped) before routing, so an oversized upload is a 413 whatever its
    // path.
    // The route takes every method: a POST-only route would turn unknown GET paths into 405s.
    r.route(PREFIX + "/*")
        .handler(BodyHandler.create(false).setBodyLimit(s.config().bodyLimitBytes()));

    mount(
        r.get("/"),
        "/",
        new StaticHandler(
            "/io/mxray/web/dashboard.html",
            "text/html; charset=utf-8",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self';"
                + " frame-src 'self'; img-src data:; base-uri 'none'; form-action 'self'"));
    mount(r.get("/health"), "/health", new HealthHandler(s));
    mount(r.get("/metrics"), "/metrics", new MetricsHandler(s));
    mount(
        r.get("/openapi.json"),
        "/openapi.json",
        new StaticHandler("/io/mxray/web/openapi.json", "application/json; charset=utf-8", null));
    mount(r.get("/schema/:name"), "/schema/{name}", new SchemaHandler());
    mount(r.get(PREFIX + "/audit/:domain"), PREFIX + "/audit/{domain}", new AuditHandler(s));
    mount(r.get(PREFIX + "/probe/:host"), PREFIX + "/probe/{host}", new ProbeHandler(s));
    mount(r.get(PREFIX + "/codes"), PREFIX + "/codes", new CodesHandler(s));
    mount(r.get(PREFIX + "/spf/:domain"), PREFIX + "/spf/{domain}", new SpfHandler(s));
    mount(r.post(PREFIX + "/headers"), PREFIX + "/headers", new HeadersHandler(s));
    mount(r.post(PREFIX + "/bounce"), PREFIX + "/bounce", new BounceHandler(s));
    mount(r.get(PREFIX + "/explain"), PREFIX + "/explain", new ExplainHandler(s));
    WatchApi watch = new WatchApi(s);
    mount(r.get(PREFIX + "/watch"), PREFIX + "/watch", watch.list());
    mount(r.post(PREFIX + "/watch"), PREFIX + "/watch", watch.add());
    mount(r.delete(PREFIX + "/watch/:domain"), PREFIX + "/watch/{domain}", watch.remove());
    mount(
        r.get(PREFIX + "/watch/:domain/history"),
        PREFIX + "/watch/{domain}/history",
        watch.history());
    mount(r.get(PREFIX + "/watch/:domain/diff"), PREFIX + "/watch/{domain}/diff", watch.diff());
    mount(
        r.get(PREFIX + "/watch/:domain/reports/:id"),
        PREFIX + "/watch/{domain}/reports/{id}",
        watch.report());

    ReportsApi reports = new ReportsApi(s);
    mount(r.post(PREFIX + "/reports"), PREFIX + "/reports", reports.upload());
    mount(r.get(PREFIX + "/reports"), PREFIX + "/reports", reports.list());
    mount(r.get(PREFIX + "/reports/:id"), PREFIX + "/reports/{id}", reports.one());
    mount(r.get(PREFIX + "/insight/:domain"), PREFIX + "/insight/{domain}", new InsightHandler(s));
    MailTestsApi tests = new MailTestsApi(s);
    mount(r.post(PREFIX + "/tests"), PREFIX + "/tests", tests.create());
    mount(r.get(PREFIX + "/tests/:token"), PREFIX + "/tests/{token}", tests.result());

    r.route().failureHandler(Problems::handle);
    r.errorHandler(404, ctx -> Problems.send(ctx, Problems.forStatus(404)));
    r.errorHandler(405, ctx -> Problems.send(ctx, Problems.forStatus(405)));
    r.errorHandler(500, Problems::handle);
    return r;
  }

  /** Adds a handler to a route, labelled with its OpenAPI-style template for metrics. */
  public static void mount(Route route, String template, Handler<RoutingContext> handler) {
    route
        .handler(
            ctx -> {
              ctx.put(ROUTE, template);
              ctx.next();
            })
        .handler(handler);
  }

  private static void observe(RoutingContext ctx, Services s) {
    long t0 = System.nanoTime();
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.addEndHandler(
        v -> {
          String route = ctx.get(ROUTE);
          s.metrics()
              .request(
                  ctx.request().method().name(),
                  route == null ? "unmatched" : route,
                  ctx.response().getStatusCode(),
                  System.nanoTime() - t0);
        });
    ctx.next();
  }

  private static void rateLimit(RoutingContext ctx, Services s) {
    String client =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    OptionalLong wait = s.rateLimiter().acquire(client);
    if (wait.isPresent()) {
      s.metrics().rateLimited();
      Problems.send(
          ctx,
          new ApiException(
              429,
              "rate-limited",
              "Too many requests",
              "This client may make "
                  + s.config().rateLimitPerMinute()
                  + " API requests per minute; retry in "
                  + wait.getAsLong()
                  + " s.",
              java.util.Map.of("retryAfterSeconds", wait.getAsLong())));
      return;
    }
    ctx.next();
  }
}
