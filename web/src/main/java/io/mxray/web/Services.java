package io.mxray.web;

import io.mxray.core.Registry;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.net.Connector;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.watch.WatchService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;

/**
 * Everything handlers share: configuration, the DNS client, the guarded ports, the worker pool that
 * runs blocking core code (never the event loop), the clock, the cache, the rate limiter and
 * metrics.
 */
public final class Services implements AutoCloseable {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final WebConfig config;
  private final DnsClient dns;
  private final Clock clock;
  private final ExecutorService workers;
  private final TargetGuard guard;
  private final WebMetrics metrics = new WebMetrics();
  private final Ports ports;
  private final Auditor auditor;
  private final ResultCache<Object> cache;
  private final RateLimiter rateLimiter;

  /**
   * @param rawConnector the unguarded socket opener (tests pass one that fails loudly)
   */
  public Services(
      WebConfig config, DnsClient dns, Clock clock, Connector rawConnector, List<Check> checks) {
    this.config = config;
    this.dns = dns;
    this.clock = clock;
    this.workers =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "mxray-web-worker-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.guard = new TargetGuard(config.allowCidrs());
    Connector connector = new GuardedConnector(rawConnector, guard, dns, metrics::probe);
    this.ports =
        new Ports(
            dns,
            connector,
            new PinnedHttpsFetcher(
                guard, dns, connector, (SSLSocketFactory) SSLSocketFactory.getDefault()));
    this.auditor = new Auditor(checks, workers, clock);
    this.cache = new ResultCache<>(config.cacheTtl(), clock, 1000);
    this.rateLimiter = new RateLimiter(config.rateLimitPerMinute(), clock);
  }

  /** The production wiring: every registered check, real sockets (guarded). */
  public static Services create(WebConfig config, DnsClient dns) {
    return create(config, dns, Registry.auditChecks());
  }

  /**
   * The production wiring with a configured check list (e.g. a DNSSEC check that has a validator).
   */
  public static Services create(WebConfig config, DnsClient dns, List<Check> checks) {
    return new Services(config, dns, Clock.systemUTC(), new PlainConnector(), checks);
  }

  public WebConfig config() {
    return config;
  }

  public DnsClient dns() {
    return dns;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The pool for blocking core work; bridge its futures with {@code Future.fromCompletionStage(f,
   * context)}.
   */
  public ExecutorService workers() {
    return workers;
  }

  public TargetGuard guard() {
    return guard;
  }

  public WebMetrics metrics() {
    return metrics;
  }

  /** DNS, the guarded connector and the pinned HTTPS fetcher. */
  public Ports ports() {
    return ports;
  }

  public Auditor auditor() {
    return auditor;
  }

  public ResultCache<Object> cache() {
    return cache;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  private volatile WatchService watch;

  /** Hosts a watch list (mxray serve --watch): enables /api/v1/watch and the per-domain gauges. */
  public Services withWatch(WatchService service) {
    this.watch = service;
    return this;
  }

  /** The hosted watch list, if this server hosts one. */
  public java.util.Optional<WatchService> watch() {
    return java.util.Optional.ofNullable(watch);
  }

  private volatile ReportHost reports;

  /**
   * Hosts the report store (mxray serve --reports / --smtp-port): enables /api/v1/reports,
   * /api/v1/insight and, with a test domain, /api/v1/tests.
   */
  public Services withReports(ReportHost host) {
    this.reports = host;
    return this;
  }

  /** The hosted report store, if this server keeps one. */
  public java.util.Optional<ReportHost> reports() {
    return java.util.Optional.ofNullable(reports);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
