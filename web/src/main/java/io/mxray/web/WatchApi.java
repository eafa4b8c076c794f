package io.mxray.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.dns.DomainName;
import io.mxray.core.watch.AuditDiff;
import io.mxray.core.watch.WatchService;
import io.mxray.reports.Json;
import io.mxray.reports.WatchJson;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The watch list over HTTP ({@code mxray serve --watch}): list, add, remove, history, diff and
 * stored reports, backed by {@link WatchService}. JDBC is blocking, so every call runs on the
 * worker pool.
 */
public final class WatchApi {

  static final int MAX_HISTORY = 500;

  private final Services services;

  public WatchApi(Services services) {
    this.services = services;
  }

  /** {@code GET /api/v1/watch}. */
  public Handler<RoutingContext> list() {
    return ctx -> run(ctx, 200, w -> WatchJson.list(w.list()));
  }

  /** {@code POST /api/v1/watch} with {@code {"domain", "every", "webhook", "secret"}}. */
  public Handler<RoutingContext> add() {
    return ctx -> {
      JsonNode body;
      try {
        body = Json.mapper().readTree(Rendered.body(ctx, "JSON object {\"domain\": …}"));
      } catch (java.io.IOException e) {
        throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
      }
      if (body == null || !body.isObject() || !body.hasNonNull("domain")) {
        throw ApiException.badRequest(
            "give {\"domain\": \"example.com\", \"every\": \"1h\", \"webhook\": \"https://…\"}");
      }
      String domain = DomainName.parse(body.get("domain").asText()).ascii();
      Duration every =
          body.hasNonNull("every") ? duration(body.get("every").asText()) : Duration.ofHours(1);
      String webhook = body.path("webhook").asText("");
      String secret = body.path("secret").asText("");
      run(
          ctx,
          201,
          w -> {
            try {
              return WatchJson.added(w.add(domain, every, webhook, secret));
            } catch (IllegalArgumentException e) {
              throw ApiException.badRequest(e.getMessage());
            }
          });
    };
  }

  /** {@code DELETE /api/v1/watch/{domain}}: 204, or 404 when it was not watched. */
  public Handler<RoutingContext> remove() {
    return ctx -> {
      String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
      CompletableFuture<Boolean> f =
          CompletableFuture.supplyAsync(() -> service().remove(domain), services.workers());
      Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
          .onSuccess(
              removed -> {
                if (removed) {
                  ctx.response().setStatusCode(204).end();
                } else {
                  Problems.send(ctx, notWatched(domain));
                }
              })
          .onFailure(ctx::fail);
    };
  }

  /** {@code GET /api/v1/watch/{domain}/history?limit=50}: stored audits, newest first. */
  public Handler<RoutingContext> history() {
    return ctx -> {
      String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
      int limit = intParam(ctx, "limit", 50, 1, MAX_HISTORY);
      run(ctx, 200, w -> WatchJson.history(domain, w.history(domain, limit)));
    };
  }

  /**
   * {@code GET /api/v1/watch/{domain}/diff?from=&to=}: two stored audits compared (default: the two
   * newest).
   */
  public Handler<RoutingContext> diff() {
    return ctx -> {
      String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
      long from = intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
      long to = intParam(ctx, "to", 0, 0, Integer.MAX_VALUE);
      run(
          ctx,
          200,
          w -> {
            Optional<AuditDiff> d = w.diff(domain, from, to);
            return WatchJson.diff(
                d.orElseThrow(
                    () ->
                        new ApiException(
                            404,
                            "no-such-audits",
                            "Nothing to compare",
                            "No stored audits of "
                                + domain
                                + " match from="
                                + from
                                + " to="
                                + to
                                + " (a diff needs two audits of the same domain).")));
          });
    };
  }

  /** {@code GET /api/v1/watch/{domain}/reports/{id}}: one stored audit document. */
  public Handler<RoutingContext> report() {
    return ctx -> {
      String domain = DomainName.parse(ctx.pathParam("domain")).ascii();
      long id = parseId(ctx.pathParam("id"));
      run(
          ctx,
          200,
          w -> {
            String json =
                w.store()
                    .reportJson(id)
                    .orElseThrow(
                        () ->
                            new ApiException(
                                404,
                                "no-such-audit",
                                "No such audit",
                                "No stored audit #" + id + "."));
            try {
              ObjectNode doc = (ObjectNode) Json.mapper().readTree(json);
              if (!domain.equals(doc.path("domain").asText())) {
                throw new ApiException(
                    404,
                    "no-such-audit",
                    "No such audit",
                    "Audit #" + id + " is not of " + domain + ".");
              }
              return doc;
            } catch (java.io.IOException e) {
              throw new IllegalStateException("stored report #" + id + " is not JSON", e);
            }
          });
    };
  }

  private WatchService service() {
    return services
        .watch()
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "watch-disabled",
                    "Watching is off",
                    "This server hosts no watch list; start it with mxray serve --watch (and --data-dir or --db)."));
  }

  private void run(RoutingContext ctx, int status, Function<WatchService, ObjectNode> work) {
    WatchService w = service();
    CompletableFuture<ObjectNode> f =
        CompletableFuture.supplyAsync(() -> work.apply(w), services.workers());
    Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
        .onSuccess(
            doc -> {
              if (!ctx.response().ended()) {
                Responses.json(ctx, status, doc);
              }
            })
        .onFailure(ctx::fail);
  }

  private static ApiException notWatched(String domain) {
    return new ApiException(
        404, "not-watched", "Not watched", domain + " is not on the watch list.");
  }

  private static Duration duration(String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      Duration d =
          s.endsWith("m")
              ? Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)))
              : s.endsWith("h")
                  ? Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)))
                  : s.endsWith("d")
                      ? Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)))
                      : Duration.ofSeconds(
                          Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s));
      if (d.compareTo(Duration.ofMinutes(5)) < 0 || d.compareTo(Duration.ofDays(30)) > 0) {
        throw ApiException.badRequest("every: between 5m and 30d");
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "every: '" + text + "' is not a duration such as 30m, 1h or 1d");
    }
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": a whole number from " + min + " to " + max);
    }
  }

  private static long parseId(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("id: '" + v + "' is not an audit number");
    }
  }
}
