package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.dns.DomainName;
import io.mxray.core.feedback.FeedbackIngest;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.FeedbackStore;
import io.mxray.reports.FeedbackJson;
import io.mxray.reports.html.SectionHtml;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Feedback reports over HTTP ({@code serve --reports}): upload (stored, deduplicated), list, one
 * stored report. Reading and storing are blocking, so every call runs on the worker pool; the body
 * is capped by {@code --max-body} before it gets here.
 */
public final class ReportsApi {

  static final int MAX_LIST = 1000;

  private final Services services;

  public ReportsApi(Services services) {
    this.services = services;
  }

  static ReportHost host(Services s) {
    return s.reports()
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "reports-disabled",
                    "Reports are off",
                    "This server keeps no reports; start it with mxray serve --reports (and --data-dir or --db)."));
  }

  /** {@code POST /api/v1/reports}: a report (XML, JSON, gzip, zip or e-mail) in the body. */
  public Handler<RoutingContext> upload() {
    return ctx -> {
      ReportHost h = host(services);
      byte[] body = Rendered.body(ctx, "report (XML, JSON, gzip, zip or the e-mail it came in)");
      run(
          ctx,
          h,
          host -> {
            FeedbackIngest.Result r = host.ingest().ingest("upload", body);
            Map<FeedbackReport, FeedbackJson.Stored> stored = new IdentityHashMap<>();
            for (int i = 0; i < r.stored().size(); i++) {
              stored.put(
                  r.outcome().reports().get(i),
                  new FeedbackJson.Stored(r.stored().get(i).id(), r.stored().get(i).duplicate()));
            }
            ObjectNode doc = FeedbackJson.list(List.of(r.outcome()), stored);
            if (r.outcome().reports().isEmpty()) {
              throw new ApiException(
                  422,
                  "not-a-report",
                  "No report found",
                  r.outcome().findings().isEmpty()
                      ? "The body holds no report."
                      : r.outcome().findings().get(0).message(),
                  Map.of("document", doc));
            }
            return doc;
          },
          201);
    };
  }

  /** {@code GET /api/v1/reports?domain=&days=&limit=}: stored reports, newest period first. */
  public Handler<RoutingContext> list() {
    return ctx -> {
      ReportHost h = host(services);
      String domain = param(ctx, "domain");
      String d = domain.isEmpty() ? "" : DomainName.parse(domain).ascii();
      int days = ReportParams.intParam(ctx, "days", 30, 1, 3660);
      int limit = ReportParams.intParam(ctx, "limit", 200, 1, MAX_LIST);
      run(
          ctx,
          h,
          host ->
              FeedbackJson.stored(
                  d,
                  host.store()
                      .list(d, services.clock().instant().minus(Duration.ofDays(days)), limit)),
          200);
    };
  }

  /** {@code GET /api/v1/reports/{id}}: one stored report (JSON, or HTML). */
  public Handler<RoutingContext> one() {
    return ctx -> {
      ReportHost h = host(services);
      long id = ReportParams.parseId(ctx.pathParam("id"));
      boolean html = Responses.wantsHtml(ctx);
      CompletableFuture<Object> f =
          CompletableFuture.supplyAsync(
              () -> {
                FeedbackReport r =
                    h.store()
                        .report(id)
                        .orElseThrow(
                            () ->
                                new ApiException(
                                    404,
                                    "no-such-report",
                                    "No such report",
                                    "No stored report #" + id + "."));
                ObjectNode doc = FeedbackJson.of(r, "");
                if (!html) {
                  return doc;
                }
                return SectionHtml.of(
                    r.orgName() + " " + r.reportId(),
                    "feedback",
                    r.kind().id(),
                    r.findings(),
                    doc,
                    services.clock().instant(),
                    services.config().generator());
              },
              services.workers());
      Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
          .onSuccess(
              out -> {
                if (ctx.response().ended()) {
                  return;
                }
                if (out instanceof String s) {
                  Responses.html(ctx, 200, s);
                } else {
                  Responses.json(ctx, 200, (ObjectNode) out);
                }
              })
          .onFailure(ctx::fail);
    };
  }

  static String param(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v == null ? "" : v.strip();
  }

  private void run(
      RoutingContext ctx, ReportHost h, Function<ReportHost, ObjectNode> work, int status) {
    CompletableFuture<ObjectNode> f =
        CompletableFuture.supplyAsync(() -> work.apply(h), services.workers());
    Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext())
        .onSuccess(
            doc -> {
              if (!ctx.response().ended()) {
                Responses.json(ctx, status, doc);
              }
            })
        .onFailure(ctx::fail);
  }

  static Instant now(Services s) {
    return s.clock().instant();
  }

  static FeedbackStore store(Services s) {
    return host(s).store();
  }

  static FeedbackReader reader(Services s) {
    return host(s).ingest().reader();
  }
}
