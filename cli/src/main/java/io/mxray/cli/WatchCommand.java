package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Check;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.watch.AuditDiff;
import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.core.watch.JdkWebhookSender;
import io.mxray.core.watch.StoredAudit;
import io.mxray.core.watch.WatchEntry;
import io.mxray.core.watch.WatchScheduler;
import io.mxray.core.watch.WatchService;
import io.mxray.core.watch.WatchStore;
import io.mxray.core.watch.WatchStoreException;
import io.mxray.core.watch.WebhookNotifier;
import io.mxray.reports.AuditJson;
import io.mxray.reports.Json;
import io.mxray.reports.WatchJson;
import io.mxray.reports.WatchMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray watch add|remove|list|history|diff|metrics|run}: the monitoring watch list. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Monitor domains: a watch list kept in a database (SQLite under the data directory by default),"
          + " re-audited on a jittered schedule by 'mxray watch run' (or the web server), every report stored, each"
          + " change diffed and sent to the domain's webhook (HMAC-SHA256 signed, retried)."
    },
    subcommands = {
      WatchCommand.Add.class,
      WatchCommand.Remove.class,
      WatchCommand.ListCmd.class,
      WatchCommand.History.class,
      WatchCommand.Diff.class,
      WatchCommand.Metrics.class,
      WatchCommand.Run.class
    })
public final class WatchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a watch command is required (add, remove, list," + " history, diff, metrics, run)");
  }

  /** Where the watch database lives. */
  /**
   * The scheduler as every host runs it ({@code watch run}, {@code serve --watch}): reports stored
   * as the audit JSON, diffs as the watch JSON, webhooks signed (MXRAY_WEBHOOK_SECRET as the
   * default secret).
   */
  static WatchScheduler scheduler(
      WatchStore store, WatchScheduler.AuditFunction audits, WatchScheduler.Listener listener) {
    WatchScheduler.Renderer renderer =
        new WatchScheduler.Renderer() {
          @Override
          public String report(io.mxray.core.audit.AuditReport r) {
            return Json.compact(AuditJson.of(r));
          }

          @Override
          public String diff(AuditDiff d) {
            return Json.compact(WatchJson.diff(d));
          }
        };
    return new WatchScheduler(
        store,
        audits,
        renderer,
        WebhookNotifier.standard(new JdkWebhookSender(), Runtime.clock()),
        System.getenv("MXRAY_WEBHOOK_SECRET"),
        Runtime.clock(),
        new SecureRandom(),
        listener);
  }

  static final class StoreOptions {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "Directory of the SQLite database mxray.db. Default: $MXRAY_DATA_DIR, else"
                + " $XDG_DATA_HOME/mxray, else ~/.local/share/mxray.")
    Path dataDir;

    @Option(
        names = "--db",
        paramLabel = "JDBC-URL",
        description =
            "Use this database instead: jdbc:postgresql://HOST[:PORT]/DB?user=…&password=… (quote it in the"
                + " shell; waits are bounded by connectTimeout=10, loginTimeout=20 and socketTimeout=60 seconds unless"
                + " the URL sets them) or jdbc:sqlite:FILE.")
    String db;

    JdbcWatchStore open() {
      try {
        if (db != null) {
          return JdbcWatchStore.open(db);
        }
        return JdbcWatchStore.sqlite(dataDir != null ? dataDir : defaultDataDir());
      } catch (WatchStoreException e) {
        throw new UsageException(e.getMessage());
      }
    }

    static Path defaultDataDir() {
      String env = System.getenv("MXRAY_DATA_DIR");
      if (env != null && !env.isBlank()) {
        return Path.of(env);
      }
      String xdg = System.getenv("XDG_DATA_HOME");
      if (xdg != null && !xdg.isBlank()) {
        return Path.of(xdg, "mxray");
      }
      return Path.of(System.getProperty("user.home"), ".local", "share", "mxray");
    }
  }

  static Duration parseEvery(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.endsWith("d")) {
      try {
        return Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
      } catch (NumberFormatException e) {
        throw new UsageException("--every '" + text + "': expected e.g. 15m, 1h or 1d");
      }
    }
    return DnsOptions.parseDuration(text, "--every");
  }

  static void print(CommandSpec spec, String s) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(s);
    out.flush();
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Watch a domain (or change its settings).")
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(
        names = "--every",
        paramLabel = "DURATION",
        defaultValue = "1h",
        description = "Audit interval, 1m to 7d (±10 %% jitter). Default: ${DEFAULT-VALUE}.")
    String every;

    @Option(
        names = "--webhook",
        paramLabel = "URL",
        description = "POST a JSON diff here when something changes.")
    String webhook;

    @Option(
        names = "--webhook-secret",
        paramLabel = "SECRET",
        description =
            "HMAC-SHA256 key for the X-Mxray-Signature header (default at run time: $MXRAY_WEBHOOK_SECRET).")
    String secret;

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcWatchStore s = store.open()) {
        WatchEntry e =
            new WatchService(s, Runtime.clock()).add(domain, parseEvery(every), webhook, secret);
        print(
            spec,
            "watching "
                + e.domain()
                + " every "
                + e.every().toString().substring(2).toLowerCase(Locale.ROOT)
                + (e.webhook().isEmpty() ? "" : ", alerts to " + e.webhook())
                + "\n");
        return ExitCodes.OK;
      } catch (IllegalArgumentException | WatchStoreException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Stop watching a domain (its history is kept). Exit 1 if it was not watched.")
  static final class Remove implements Callable<Integer> {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcWatchStore s = store.open()) {
        boolean removed = new WatchService(s, Runtime.clock()).remove(domain);
        print(
            spec, removed ? "no longer watching " + domain + "\n" : domain + " was not watched\n");
        return removed ? ExitCodes.OK : ExitCodes.WARN;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List watched domains.")
  static final class ListCmd implements Callable<Integer> {
    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcWatchStore s = store.open()) {
        List<WatchEntry> entries = s.list();
        if (json) {
          print(spec, Json.pretty(WatchJson.list(entries)));
        } else {
          StringBuilder b = new StringBuilder();
          for (WatchEntry e : entries) {
            b.append(
                String.format(
                    Locale.ROOT,
                    "%-40s every %-8s next %s%s%n",
                    e.domain(),
                    e.every().toString().substring(2).toLowerCase(Locale.ROOT),
                    e.nextRunAt(),
                    e.webhook().isEmpty() ? "" : "  -> " + e.webhook()));
          }
          print(spec, b.toString());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "A domain's stored audits, newest first.")
  static final class History implements Callable<Integer> {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcWatchStore s = store.open()) {
        List<StoredAudit> h = new WatchService(s, Runtime.clock()).history(domain, limit);
        if (json) {
          print(spec, Json.pretty(WatchJson.history(domain, h)));
        } else {
          StringBuilder b = new StringBuilder();
          for (StoredAudit a : h) {
            b.append(
                String.format(
                    Locale.ROOT,
                    "#%-6d %s  %-12s %d findings%n",
                    a.id(),
                    a.snapshot().auditedAt(),
                    a.snapshot().severity().id(),
                    a.snapshot().findings().size()));
          }
          print(spec, b.toString());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description =
          "What changed between two stored audits (default: the two newest). Exit 1 if anything did.")
  static final class Diff implements Callable<Integer> {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(names = "--from", paramLabel = "ID", defaultValue = "0")
    long from;

    @Option(names = "--to", paramLabel = "ID", defaultValue = "0")
    long to;

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if ((from == 0) != (to == 0)) {
        throw new UsageException("give both --from and --to, or neither");
      }
      try (JdbcWatchStore s = store.open()) {
        Optional<AuditDiff> d = new WatchService(s, Runtime.clock()).diff(domain, from, to);
        if (d.isEmpty()) {
          throw new UsageException(
              "no such audits of " + domain + " (see 'mxray watch history " + domain + "')");
        }
        print(spec, Json.pretty(WatchJson.diff(d.get())));
        return d.get().hasChanges() ? ExitCodes.WARN : ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "metrics",
      mixinStandardHelpOptions = true,
      description =
          "Print the per-domain gauges in Prometheus text format (for a textfile collector).")
  static final class Metrics implements Callable<Integer> {
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcWatchStore s = store.open()) {
        print(spec, WatchMetrics.render(new WatchService(s, Runtime.clock()).gauges()));
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run the scheduler in the foreground: audit watched domains when due, store, diff, alert."
              + " Ctrl-C stops after the audit in progress; a restart resumes the schedule.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--once", description = "Audit what is due now, then exit.")
    boolean once;

    @Mixin StoreOptions store;
    @Mixin DnsOptions dns;
    @Mixin AuditOptions audit;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      DnsClient client = dns.client();
      ExecutorService executor = Runtime.executor();
      // The same audit as 'mxray audit' (probes included, so certificate expiry is watched), once
      // per domain.
      List<Check> checks =
          AuditRunner.withDnssecValidator(audit.configure(Registry.auditChecks()), dns);
      AuditRequest template =
          audit.request("template.invalid"); // option errors now, not at the first audit
      try (JdbcWatchStore s = store.open()) {
        Auditor auditor = new Auditor(checks, executor, Runtime.clock());
        PrintWriter err = spec.commandLine().getErr();
        WatchScheduler scheduler =
            scheduler(
                s,
                domain ->
                    auditor.audit(
                        template.forDomain(DomainName.parse(domain)), Runtime.ports(client)),
                new WatchScheduler.Listener() {
                  @Override
                  public void audited(
                      WatchEntry e,
                      long id,
                      AuditDiff diff,
                      Optional<WebhookNotifier.Delivery> delivery) {
                    synchronized (out) {
                      out.println(
                          "audit #"
                              + id
                              + " "
                              + e.domain()
                              + " "
                              + diff.severityTo().id()
                              + (diff.fromId() == 0
                                  ? " (baseline)"
                                  : diff.hasChanges()
                                      ? " changed: "
                                          + diff.added().size()
                                          + " new, "
                                          + diff.resolved().size()
                                          + " resolved, "
                                          + diff.changed().size()
                                          + " severity, "
                                          + diff.records().size()
                                          + " records"
                                      : " unchanged")
                              + delivery
                                  .map(
                                      d ->
                                          d.delivered()
                                              ? "; webhook delivered"
                                              : "; webhook FAILED after "
                                                  + d.attempts()
                                                  + " tries ("
                                                  + (d.lastStatus() == 0
                                                      ? d.detail()
                                                      : "HTTP " + d.lastStatus())
                                                  + ")")
                                  .orElse(""));
                      out.flush();
                    }
                  }

                  @Override
                  public void storeFailed(WatchStoreException e, Duration retryIn) {
                    err.println(
                        "mxray: "
                            + e.getMessage()
                            + "; trying again in "
                            + retryIn.getSeconds()
                            + " s");
                    err.flush();
                  }
                });
        if (once) {
          scheduler.runDue();
          return ExitCodes.OK;
        }
        // Ctrl-C: stop after the audit in progress and close the database before the JVM exits.
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook =
            new Thread(
                () -> {
                  scheduler.stop();
                  try {
                    done.await(30, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "mxray-watch-stop");
        java.lang.Runtime.getRuntime().addShutdownHook(hook);
        try {
          scheduler.runForever();
        } finally {
          s.close();
          done.countDown();
        }
        return ExitCodes.OK;
      } finally {
        executor.shutdownNow();
      }
    }
  }
}
