package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import io.mxray.core.probe.Op25b;
import io.mxray.core.probe.PortSpec;
import io.mxray.core.probe.ProbeOptions;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTargets;
import io.mxray.core.probe.Prober;
import io.mxray.core.probe.Service;
import io.mxray.reports.ProbeJson;
import io.mxray.reports.html.SectionHtml;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /api/v1/probe/{host}?ports=25,587,imaps:1993}: the SMTP/POP3/IMAP probes of {@code
 * mxray probe} (banner, capabilities, STARTTLS, TLS inspection, findings, transcript), behind the
 * SSRF gate: refused targets are answered 403 problem+json before any connection, and every
 * connection goes through the guarded connector, which checks the address actually connected.
 * Default port: 25. The TLS version scan is off unless {@code scan=on} (it opens several
 * connections per port).
 */
public final class ProbeHandler implements Handler<RoutingContext> {

  private static final int MAX_PORTS = 8;
  private static final Duration STEP = Duration.ofSeconds(5);
  private static final Duration PORT_DEADLINE = Duration.ofSeconds(25);

  private final Services services;

  public ProbeHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String host = ctx.pathParam("host").strip();
    if (Addresses.parse(host).isEmpty()) {
      host = io.mxray.core.dns.DomainName.parse(host).ascii();
    }
    List<PortSpec> ports = ports(ctx);
    boolean scan = AuditHandler.flag(ctx, "scan");
    boolean html = Responses.wantsHtml(ctx);
    String target = host;
    CompletableFuture<TargetGuard.Resolution> resolved =
        CompletableFuture.supplyAsync(
            () -> services.guard().resolve(target, services.dns()), services.workers());
    CompletableFuture<Rendered> result =
        resolved.thenApplyAsync(
            r -> {
              if (r.refused()) {
                TargetGuard.Refusal why = r.refusal().get();
                services.metrics().probe("refused-target");
                throw new ApiException(
                    403,
                    "target-refused",
                    "Target refused by the SSRF guard",
                    why.reason(),
                    Map.of(
                        "target",
                        why.target(),
                        "address",
                        why.address(),
                        "addressClass",
                        why.kind().name().toLowerCase(java.util.Locale.ROOT)));
              }
              if (r.addresses().isEmpty()) {
                throw new ApiException(
                    422,
                    "no-address",
                    "The target has no address",
                    target
                        + " has no A or AAAA record"
                        + (r.dnsFailures().isEmpty()
                            ? "."
                            : " (DNS failed: " + r.dnsFailures().get(0).status() + ")."));
              }
              ProbeReport report = probe(target, ports, scan);
              report
                  .ports()
                  .forEach(
                      p -> services.metrics().probe(p.reachable() ? "reachable" : "unreachable"));
              ObjectNode json = ProbeJson.of(report);
              return html
                  ? Rendered.html(
                      SectionHtml.of(
                          target,
                          "probe",
                          "Server probe",
                          report.allFindings(),
                          json,
                          services.clock().instant(),
                          services.config().generator()))
                  : Rendered.json(json);
            },
            services.workers());
    Future.fromCompletionStage(result, ctx.vertx().getOrCreateContext())
        .onSuccess(
            out -> {
              if (ctx.response().ended()) {
                return;
              }
              if (out.html() != null) {
                Responses.html(ctx, 200, out.html());
              } else {
                Responses.json(ctx, 200, out.json());
              }
            })
        .onFailure(ctx::fail);
  }

  private ProbeReport probe(String host, List<PortSpec> ports, boolean scan) {
    long t0 = System.nanoTime();
    ProbeTargets.Resolution res = ProbeTargets.resolve(services.dns(), host, ports);
    ProbeOptions options =
        ProbeOptions.defaults(services.clock()).withTimeouts(STEP, PORT_DEADLINE).withTlsScan(scan);
    // Own small pool: probes block on sockets, and the shared worker pool runs this very task.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, res.targets().size())),
            r -> {
              Thread t = new Thread(r, "mxray-web-probe");
              t.setDaemon(true);
              return t;
            });
    try {
      List<ProbeResult> results =
          res.targets().isEmpty()
              ? List.of()
              : new Prober(services.ports().connector(), options).probeAll(res.targets(), pool);
      List<Finding> findings = new ArrayList<>(res.findings());
      Op25b.assess(
              results.stream().filter(p -> p.target().service() == Service.SMTP).toList(),
              results.stream()
                  .filter(
                      p ->
                          p.target().service() != Service.SMTP
                              && p.target().service().protocol() == Service.Protocol.SMTP)
                  .toList())
          .ifPresent(findings::add);
      return new ProbeReport(host, results, findings, (System.nanoTime() - t0) / 1_000_000);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<PortSpec> ports(RoutingContext ctx) {
    List<String> raw = AuditHandler.list(ctx, "ports");
    if (raw.isEmpty()) {
      return List.of(PortSpec.parse("25"));
    }
    if (raw.size() > MAX_PORTS) {
      throw ApiException.badRequest("ports: at most " + MAX_PORTS);
    }
    try {
      return PortSpec.parseList(String.join(",", raw));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("ports: " + e.getMessage());
    }
  }
}
