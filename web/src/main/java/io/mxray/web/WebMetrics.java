package io.mxray.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.dns.DnsQuery;
import java.time.Duration;

/**
 * The service's Micrometer meters, scraped as Prometheus text at {@code /metrics}: {@code
 * mxray_http_server_requests_seconds{method,route,status}}, {@code mxray_audits_total{severity}},
 * {@code mxray_dns_queries_total{status}}, {@code mxray_probe_connections_total{outcome}}, {@code
 * mxray_cache_requests_total{result}} and {@code mxray_rate_limited_total}.
 */
public final class WebMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void request(String method, String route, int status, long nanos) {
    Timer.builder("mxray.http.server.requests")
        .description("HTTP requests by route template and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  public void audit(AuditReport report) {
    Counter.builder("mxray.audits")
        .description("Completed domain audits by overall severity")
        .tag("severity", report.severity().id())
        .register(registry)
        .increment();
    for (DnsQuery q : report.dnsQueries()) {
      Counter.builder("mxray.dns.queries")
          .description("DNS queries asked by audits, by outcome")
          .tag("status", q.status().name().toLowerCase(java.util.Locale.ROOT))
          .register(registry)
          .increment();
    }
  }

  public void probe(String outcome) {
    Counter.builder("mxray.probe.connections")
        .description("Outbound connection attempts by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void cache(boolean hit) {
    Counter.builder("mxray.cache.requests")
        .description("Result cache lookups")
        .tag("result", hit ? "hit" : "miss")
        .register(registry)
        .increment();
  }

  public void rateLimited() {
    Counter.builder("mxray.rate.limited")
        .description("Requests refused with 429")
        .register(registry)
        .increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
