package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.feedback.FeedbackStore.MailTest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Send-a-test-mail over HTTP: {@code POST /api/v1/tests} hands out a one-time address at the SMTP
 * receiver; {@code GET /api/v1/tests/{token}} is the permalink of its result (pending until a
 * message arrives, 404 once expired).
 */
public final class MailTestsApi {

  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{16,40}");

  private final Services services;

  public MailTestsApi(Services services) {
    this.services = services;
  }

  private ReportHost host() {
    ReportHost h = ReportsApi.host(services);
    if (!h.testsEnabled()) {
      throw new ApiException(
          404,
          "tests-disabled",
          "Test addresses are off",
          "This server hands out no test addresses; start it with --smtp-port and --test-domain.");
    }
    return h;
  }

  /** {@code POST /api/v1/tests}: a new one-time address (201). */
  public Handler<RoutingContext> create() {
    return ctx -> {
      ReportHost h = host();
      CompletableFuture<ObjectNode> f =
          CompletableFuture.supplyAsync(
              () -> {
                MailTest t = h.newTest();
                return h.testDocument(t.token()).orElseThrow();
              },
              services.workers());
      Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
          .onSuccess(
              doc -> {
                if (!ctx.response().ended()) {
                  ctx.response().putHeader("Location", doc.get("resultUrl").asText());
                  Responses.json(ctx, 201, doc);
                }
              })
          .onFailure(ctx::fail);
    };
  }

  /** {@code GET /api/v1/tests/{token}}: pending, or the analysis of the message received. */
  public Handler<RoutingContext> result() {
    return ctx -> {
      ReportHost h = host();
      String token = ctx.pathParam("token");
      if (token == null || !TOKEN.matcher(token).matches()) {
        throw ApiException.badRequest("token: 16 to 40 lower-case letters and digits");
      }
      CompletableFuture<Optional<ObjectNode>> f =
          CompletableFuture.supplyAsync(() -> h.testDocument(token), services.workers());
      Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
          .onSuccess(
              doc -> {
                if (ctx.response().ended()) {
                  return;
                }
                if (doc.isEmpty()) {
                  Problems.send(
                      ctx,
                      new ApiException(
                          404,
                          "no-such-test",
                          "No such test",
                          "No live test with this token: it never existed or has expired."));
                } else {
                  ctx.response().putHeader("Cache-Control", "no-store");
                  Responses.json(ctx, 200, doc.get());
                }
              })
          .onFailure(ctx::fail);
    };
  }
}
