package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Check;
import io.mxray.core.dns.DomainName;
import io.mxray.reports.AuditJson;
import io.mxray.reports.html.AuditHtml;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit/{domain}?checks=mx,ptr&selectors=s1,s2&probe=on&format=html}: a domain
 * audit, from the result cache when a recent identical one exists. The audit runs on the worker
 * pool; the event loop only waits on the bridged future.
 */
public final class AuditHandler implements Handler<RoutingContext> {

  /** What goes back: the cache facts plus either an HTML page or a JSON document. */
  private record Rendered(ResultCache.Hit<?> hit, String html, ObjectNode json) {}

  private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})");
  private static final int MAX_LIST = 20;

  private final Services services;

  public AuditHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    DomainName domain = DomainName.parse(ctx.pathParam("domain"));
    Set<String> checks = checks(ctx);
    List<String> selectors = list(ctx, "selectors");
    for (String s : selectors) {
      if (!SELECTOR.matcher(s).matches()) {
        throw ApiException.badRequest(
            "selectors: '" + s + "' is not a DKIM selector (letters, digits, . _ -)");
      }
    }
    boolean probe = flag(ctx, "probe");
    boolean html = Responses.wantsHtml(ctx);
    WebConfig cfg = services.config();
    AuditRequest request =
        AuditRequest.of(domain.ascii())
            .withChecks(checks)
            .withDkimSelectors(selectors)
            .withProbe(probe)
            .withAssumePublic(cfg.assumePublic())
            .withCheckTimeout(cfg.checkTimeout());
    String key =
        "audit|" + domain.ascii() + "|" + new TreeSet<>(checks) + "|" + selectors + "|" + probe;
    CompletableFuture<Rendered> rendered =
        services
            .cache()
            .get(
                key,
                () ->
                    services
                        .auditor()
                        .audit(request, services.ports())
                        .thenApply(
                            r -> {
                              services.metrics().audit(r);
                              return (Object) r;
                            }))
            .thenApplyAsync(
                hit -> {
                  services.metrics().cache(hit.cached());
                  AuditReport report = (AuditReport) hit.value();
                  if (html) {
                    return new Rendered(hit, AuditHtml.of(report, cfg.generator()), null);
                  }
                  ObjectNode json = AuditJson.of(report);
                  ObjectNode cache = json.putObject("cache");
                  cache.put("hit", hit.cached());
                  cache.put("ageSeconds", hit.ageSeconds());
                  cache.put("ttlSeconds", hit.ttlSeconds());
                  return new Rendered(hit, null, json);
                },
                services.workers());
    Future.fromCompletionStage(rendered, ctx.vertx().getOrCreateContext())
        .onSuccess(
            out -> {
              if (ctx.response().ended()) {
                return; // the request timed out meanwhile
              }
              Responses.cacheHeaders(ctx, out.hit());
              if (out.html() != null) {
                Responses.html(ctx, 200, out.html());
              } else {
                Responses.json(ctx, 200, out.json());
              }
            })
        .onFailure(ctx::fail);
  }

  private Set<String> checks(RoutingContext ctx) {
    List<String> wanted = list(ctx, "checks");
    List<Check> all = services.auditor().checks();
    for (String s : wanted) {
      if (all.stream().noneMatch(c -> c.id().matches(s))) {
        List<String> ids = new ArrayList<>();
        all.forEach(c -> ids.add(c.id().value()));
        throw ApiException.badRequest(
            "checks: no check '" + s + "'; available: " + String.join(", ", ids));
      }
    }
    return Set.copyOf(wanted);
  }

  static List<String> list(RoutingContext ctx, String name) {
    List<String> out = new ArrayList<>();
    for (String v : ctx.queryParam(name)) {
      for (String part : v.split(",")) {
        String p = part.strip().toLowerCase(Locale.ROOT);
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    if (out.size() > MAX_LIST) {
      throw ApiException.badRequest(name + ": at most " + MAX_LIST + " values");
    }
    return out.stream().distinct().toList();
  }

  static boolean flag(RoutingContext ctx, String name) {
    List<String> v = ctx.queryParam(name);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get(0).toLowerCase(Locale.ROOT)) {
      case "on", "true", "1", "yes" -> true;
      case "off", "false", "0", "no", "" -> false;
      default -> throw ApiException.badRequest(name + " must be on or off");
    };
  }
}
