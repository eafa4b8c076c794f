package io.mxray.cli;

import io.mxray.core.net.Cidr;
import io.mxray.web.MxrayVerticle;
import io.mxray.web.Services;
import io.mxray.web.WebConfig;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mxray serve}: the HTTP API, dashboard and metrics (Vert.x). Runs until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the HTTP API (/api/v1), the dashboard (/), /health, /metrics and /openapi.json.",
      "Probes and HTTPS fetches refuse loopback, private, link-local, CGNAT, multicast, reserved and cloud"
          + " metadata addresses unless allowed with --allow-cidr. See docs/web.md."
    },
    footer = {
      "",
      "Exit codes:%n  0   stopped cleanly%n  64  usage error (bad option, port in use)%n  70  internal error"
    })
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "TCP port (0 picks a free one and prints it). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on; use 0.0.0.0 or :: to expose the service deliberately. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--allow-cidr",
      paramLabel = "CIDR",
      split = ",",
      description =
          "Let probes and fetches connect to these otherwise refused blocks (e.g. 127.0.0.0/8 for a loopback lab).")
  List<String> allowCidrs = new ArrayList<>();

  @Option(
      names = "--assume-public",
      paramLabel = "CIDR",
      split = ",",
      description =
          "Audits treat addresses in these blocks as public (labs and zone files with documentation addresses).")
  List<String> assumePublic = new ArrayList<>();

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "Reuse identical results for this long (0s disables). Default: ${DEFAULT-VALUE}.")
  String cacheTtl;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      defaultValue = "60",
      description =
          "API requests per minute per client address (0 disables). Default: ${DEFAULT-VALUE}.")
  int rateLimit;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      defaultValue = "5242880",
      description =
          "Largest request body accepted (413 beyond). Default: ${DEFAULT-VALUE} (5 MiB).")
  long maxBody;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      defaultValue = "90s",
      description = "Deadline for one API request (503 beyond). Default: ${DEFAULT-VALUE}.")
  String requestTimeout;

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Deadline for each check of an audit. Default: ${DEFAULT-VALUE}.")
  String checkTimeout;

  @Mixin DnsOptions dns;
  @Spec CommandSpec spec;

  @Option(
      names = "--watch",
      description =
          "Host the watch list: /api/v1/watch, per-domain gauges in /metrics, and the scheduler that"
              + " re-audits watched domains (store: --data-dir or --db, as for 'mxray watch').")
  boolean watch;

  @Mixin WatchCommand.StoreOptions store;

  @Mixin ReportServeOptions reports;

  /** Opens the store, exposes it to the API and runs the scheduler on its own daemon thread. */
  private void startWatching(Services services, WebConfig cfg) {
    io.mxray.core.watch.JdbcWatchStore s = store.open();
    io.mxray.core.watch.WatchService service =
        new io.mxray.core.watch.WatchService(s, Runtime.clock());
    services.withWatch(service);
    io.mxray.core.watch.WatchScheduler scheduler =
        WatchCommand.scheduler(
            s,
            // Watched domains get the full audit, probes included (through the SSRF-guarded
            // connector), so the
            // certificate expiry gauges and diffs have certificates to watch.
            domain ->
                services
                    .auditor()
                    .audit(
                        io.mxray.core.audit.AuditRequest.of(domain)
                            .withProbe(true)
                            .withAssumePublic(cfg.assumePublic())
                            .withCheckTimeout(cfg.checkTimeout()),
                        services.ports()),
            new io.mxray.core.watch.WatchScheduler.Listener() {
              @Override
              public void audited(
                  io.mxray.core.watch.WatchEntry e,
                  long id,
                  io.mxray.core.watch.AuditDiff diff,
                  java.util.Optional<io.mxray.core.watch.WebhookNotifier.Delivery> delivery) {
                // the API and /metrics show the results
              }

              @Override
              public void storeFailed(
                  io.mxray.core.watch.WatchStoreException e, java.time.Duration retryIn) {
                PrintWriter err = spec.commandLine().getErr();
                synchronized (err) {
                  err.println(
                      "mxray: serve --watch: "
                          + e.getMessage()
                          + "; trying again in "
                          + retryIn.getSeconds()
                          + " s");
                  err.flush();
                }
              }
            });
    service.onChange(scheduler::wake);
    Thread t =
        new Thread(
            () -> {
              try {
                scheduler.runForever();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mxray-watch-scheduler");
    t.setDaemon(true);
    t.start();
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  scheduler.stop();
                  s.close();
                },
                "mxray-watch-stop"));
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535");
    }
    if (rateLimit < 0 || maxBody < 1) {
      throw new UsageException("--rate-limit must be >= 0 and --max-body >= 1");
    }
    java.time.Duration ttl =
        "0".equals(cacheTtl.strip()) || "0s".equals(cacheTtl.strip())
            ? java.time.Duration.ZERO
            : DnsOptions.parseDuration(cacheTtl, "--cache-ttl");
    WebConfig cfg =
        WebConfig.defaults()
            .withBind(bind)
            .withPort(port)
            .withAllowCidrs(cidrs(allowCidrs, "--allow-cidr"))
            .withAssumePublic(cidrs(assumePublic, "--assume-public"))
            .withCacheTtl(ttl)
            .withRateLimit(rateLimit)
            .withBodyLimit(maxBody)
            .withRequestTimeout(DnsOptions.parseDuration(requestTimeout, "--request-timeout"))
            .withCheckTimeout(DnsOptions.parseDuration(checkTimeout, "--check-timeout"))
            .withGenerator("mxray " + VersionProvider.version());
    // The registry's DNSSEC and DANE checks validate nothing themselves; give them a validator as
    // the CLI audit does.
    Services services =
        Services.create(
            cfg,
            dns.client(),
            AuditRunner.withDnssecValidator(io.mxray.core.Registry.auditChecks(), dns));
    if (watch) {
      startWatching(services, cfg);
    }
    List<AutoCloseable> reportParts =
        reports.start(
            services,
            store,
            services.dns(),
            bind,
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
    Vertx vertx = Vertx.vertx();
    MxrayVerticle verticle = new MxrayVerticle(services);
    PrintWriter out = spec.commandLine().getOut();
    try {
      vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      services.close();
      closeAll(reportParts);
      throw new UsageException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    out.println(
        "mxray serving on http://"
            + host
            + ":"
            + verticle.port()
            + "/ (API /api/v1, metrics /metrics);"
            + " Ctrl-C to stop");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                vertx.close().await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                // shutting down anyway
              }
              closeAll(reportParts);
              stopped.countDown();
            },
            "mxray-shutdown");
    java.lang.Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return ExitCodes.OK;
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable c : parts) {
      try {
        c.close();
      } catch (Exception e) {
        // shutting down anyway
      }
    }
  }

  private static List<Cidr> cidrs(List<String> texts, String option) {
    List<Cidr> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(Cidr.parse(t));
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + ": " + e.getMessage());
      }
    }
    return out;
  }
}
