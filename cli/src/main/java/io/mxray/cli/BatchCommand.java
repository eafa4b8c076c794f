package io.mxray.cli;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Check;
import io.mxray.core.batch.BatchRunner;
import io.mxray.core.batch.DomainList;
import io.mxray.core.batch.MultiplexedUdpClient;
import io.mxray.core.batch.QueryRateLimiter;
import io.mxray.core.batch.RateLimitedDnsClient;
import io.mxray.core.batch.SharedDnsCache;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dnsbl.DnsblCheck;
import io.mxray.core.finding.Severity;
import io.mxray.reports.AuditJson;
import io.mxray.reports.BatchCsv;
import io.mxray.reports.BatchProgress;
import io.mxray.reports.BatchResume;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray batch FILE|-}: audit many domains, one JSONL line or CSV row per domain as results
 * arrive.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Audit many domains: one per line in FILE (or '-' for stdin); blank lines and # comments are"
          + " ignored, duplicates removed, bad names reported on stderr and skipped.",
      "Writes one 'mxray audit --format json' document per line (JSONL) or a flat CSV row per domain, as"
          + " results arrive, flushed line by line so an interrupted batch leaves a valid file; --resume"
          + " continues it.",
      "Batch defaults differ from 'mxray audit' to keep thousands of domains cheap and polite: no probes"
          + " (--probe), no blocklist lookups (--rbl), no DKIM selector discovery (--dkim-discovery), and no local"
          + " DNSSEC validation unless --trust-anchor is given (the resolver's AD flag decides)."
    },
    footer = {
      "",
      "Exit codes: the worst severity over all domains (0 OK/INFO, 1 WARN, 2 FAIL, 3 INCONCLUSIVE);"
          + " 64 usage error (no domains, bad option); 70 internal error. Interrupted (Ctrl-C): 130."
    })
public final class BatchCommand implements java.util.concurrent.Callable<Integer> {

  public enum Format {
    jsonl,
    csv
  }

  @Parameters(
      paramLabel = "FILE|-",
      description = "File with one domain per line, or '-' for standard input.")
  String input;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "jsonl",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write results to FILE (default: stdout).")
  Path output;

  @Option(
      names = "--resume",
      description = "Append to the --output file, skipping domains already in it.")
  boolean resume;

  @Option(
      names = "--overwrite",
      description = "Replace an existing --output file (default: refuse).")
  boolean overwrite;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Audits in flight at once (1-"
              + BatchRunner.MAX_CONCURRENCY
              + "). Default: 64 per CPU core.")
  Integer concurrency;

  @Option(
      names = "--qps",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Most DNS questions per second over the whole batch; 0 means no limit. Set it when using"
              + " a shared or public resolver. Default: ${DEFAULT-VALUE}.")
  int qps;

  @Option(
      names = "--dns-sockets",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "UDP sockets shared by all DNS questions (0: a fresh socket per question, dnsjava's default,"
              + " slower but with more source-port entropy). Default: ${DEFAULT-VALUE}.")
  int dnsSockets;

  @Option(
      names = "--dns-in-flight",
      paramLabel = "N",
      defaultValue = "" + MultiplexedUdpClient.DEFAULT_MAX_IN_FLIGHT,
      description =
          "Most DNS questions on the wire at once over the shared sockets; the rest queue (their"
              + " timeout starts when sent). Too many at once overflow the server's receive queue and become"
              + " timeouts. Default: ${DEFAULT-VALUE}.")
  int dnsInFlight;

  @Option(
      names = "--no-shared-cache",
      description =
          "Ask every question afresh for every domain (default: one"
              + " TTL-respecting cache for the whole batch, so shared MX hosts and name servers are asked once).")
  boolean noSharedCache;

  @Option(
      names = "--probe",
      description = "Let checks connect to the domains' servers (off by default in batch).")
  boolean probe;

  @Option(
      names = "--probe-concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "Most checks with open connections at once over the whole batch (probes with --probe,"
              + " MTA-STS policy and BIMI fetches); the rest wait, and the wait counts toward --check-timeout."
              + " Default: ${DEFAULT-VALUE}.")
  int probeConcurrency;

  @Option(
      names = "--rbl",
      description =
          "Also look up each domain, its MX names and addresses on the blocklists"
              + " (off by default in batch unless --check names rbl: about 18 more questions per domain, sent to the"
              + " blocklist operators, whose free tiers limit volume).")
  boolean rbl;

  @Option(
      names = "--dkim-discovery",
      description =
          "Also try the common DKIM selectors for every domain (off by"
              + " default in batch: dozens of questions per domain); selectors given with --dkim-selector are always"
              + " looked up.")
  boolean dkimDiscovery;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar and no summary on stderr.")
  boolean quiet;

  @Option(
      names = "--progress",
      hidden = true,
      description = "Draw the progress bar even when stderr is not a terminal.")
  boolean forceProgress;

  @Mixin DnsOptions dns;
  @Mixin AuditOptions audit;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // On a 2-core machine the common pool has one thread and CompletableFuture's async stages
    // (dnsjava
    // uses them) fall back to a new thread per task; give them a real pool before any DNS is set
    // up.
    if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
      System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8");
    }
    PrintWriter err = spec.commandLine().getErr();
    int conc = concurrency == null ? BatchRunner.defaultConcurrency() : concurrency;
    if (conc < 1 || conc > BatchRunner.MAX_CONCURRENCY) {
      throw new UsageException(
          "--concurrency must be between 1 and " + BatchRunner.MAX_CONCURRENCY);
    }
    if (dnsSockets < 0 || dnsSockets > 64) {
      throw new UsageException("--dns-sockets must be between 0 and 64");
    }
    if (qps < 0 || qps > 1_000_000) {
      throw new UsageException("--qps must be between 0 (no limit) and 1000000");
    }
    if (resume && output == null) {
      throw new UsageException("--resume needs --output FILE: the file to continue");
    }
    if (output != null && Files.exists(output) && !resume && !overwrite && Files.size(output) > 0) {
      throw new UsageException(
          output + " exists; use --resume to continue it or --overwrite to replace it");
    }
    DomainList list = readList(err);
    Set<String> done = new HashSet<>();
    boolean csv = format == Format.csv;
    if (resume && Files.exists(output)) {
      long cut = BatchResume.truncateTornLine(output);
      if (cut > 0 && !quiet) {
        err.println(
            "mxray: batch: dropped an incomplete last line (" + cut + " bytes) from " + output);
      }
      done = BatchResume.doneDomains(output, csv);
    }
    DomainList todo = list.without(done);
    if (list.domains().isEmpty()) {
      throw new UsageException("no domain names in " + input);
    }
    List<Check> checks = selectedChecks();
    if (dns.trustAnchor != null) {
      // Validating costs blocking lookups per domain: only when asked for with an anchor; otherwise
      // the
      // dnssec and dane checks go by the resolver's answers (AD flag), as documented.
      checks = AuditRunner.withDnssecValidator(checks, dns);
    }
    if (dnsInFlight < 1 || dnsInFlight > 100_000) {
      throw new UsageException("--dns-in-flight must be between 1 and 100000");
    }
    MultiplexedUdpClient udp =
        dnsSockets > 0 ? new MultiplexedUdpClient(dnsSockets, dnsInFlight) : null;
    DnsClient client = dns.client(udp == null ? null : udp.factory());
    if (qps > 0) {
      client = new RateLimitedDnsClient(client, new QueryRateLimiter(qps));
    }
    if (!noSharedCache) {
      client = new SharedDnsCache(client, Runtime.clock(), SharedDnsCache.DEFAULT_MAX_ENTRIES);
    }
    // The audit options as for 'mxray audit', then the batch's own defaults (no probes, no DKIM
    // discovery).
    AuditRequest template =
        audit
            .request("template.invalid")
            .withChecks(checkSelection(checks))
            .withDkimDiscovery(dkimDiscovery)
            .withProbe(probe && !audit.noProbe);
    if (probeConcurrency < 1 || probeConcurrency > 4096) {
      throw new UsageException("--probe-concurrency must be between 1 and 4096");
    }
    BatchRunner runner =
        new BatchRunner(checks, Runtime.ports(client), Runtime.clock(), conc, probeConcurrency);

    boolean writeHeader = csv && (!resume || !Files.exists(output) || Files.size(output) == 0);
    try (Writer out = openOutput();
        MultiplexedUdpClient transport = udp) {
      if (writeHeader) {
        out.write(BatchCsv.header());
        out.flush();
      }
      AtomicLong finished = new AtomicLong();
      int total = todo.domains().size();
      long t0 = System.nanoTime();
      boolean bar = !quiet && (forceProgress || stderrIsTerminal());
      ScheduledExecutorService ticker =
          bar
              ? Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "mxray-progress");
                    t.setDaemon(true);
                    return t;
                  })
              : null;
      if (ticker != null) {
        ticker.scheduleAtFixedRate(
            () -> draw(err, finished.get(), total, t0), 0, 250, TimeUnit.MILLISECONDS);
      }
      CountDownLatch finishedRun = new CountDownLatch(1);
      boolean[] interrupted = new boolean[1];
      Thread hook =
          new Thread(
              () -> {
                interrupted[0] = true;
                runner.stop();
                try {
                  finishedRun.await(
                      15, TimeUnit.SECONDS); // audits in flight finish and are written
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "mxray-batch-stop");
      java.lang.Runtime.getRuntime().addShutdownHook(hook);
      BatchRunner.Summary summary;
      try {
        summary =
            runner.run(
                todo.domains(),
                d -> requestFor(template, d),
                this::render,
                (report, line) -> {
                  write(out, line);
                  finished.incrementAndGet();
                });
      } finally {
        out.flush();
        finishedRun.countDown();
        if (ticker != null) {
          ticker.shutdownNow();
          draw(err, finished.get(), total, t0);
          err.println();
        }
        try {
          java.lang.Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down (Ctrl-C): the hook is running and waits for us
        }
      }
      if (!quiet) {
        summarize(err, summary, done.size(), list);
      }
      if (interrupted[0]) {
        return 130;
      }
      return ExitCodes.of(summary.worst());
    }
  }

  private static AuditRequest requestFor(AuditRequest template, io.mxray.core.dns.DomainName d) {
    return template.forDomain(d);
  }

  private List<Check> selectedChecks() {
    List<Check> checks = audit.configure(Registry.auditChecks());
    for (String s : audit.checks) {
      if (checks.stream().noneMatch(c -> c.id().matches(s))) {
        throw new UsageException(
            "--check "
                + s
                + ": no such check; available: "
                + String.join(", ", checks.stream().map(c -> c.id().value()).toList()));
      }
    }
    return checks;
  }

  /** What --check asked for; without it, every check except the blocklists unless --rbl. */
  private Set<String> checkSelection(List<Check> checks) {
    if (!audit.checks.isEmpty()) {
      Set<String> chosen = new HashSet<>(audit.checks);
      if (rbl) {
        chosen.add(DnsblCheck.ID.value());
      }
      return chosen;
    }
    Set<String> chosen = new HashSet<>();
    for (Check c : checks) {
      if (rbl || !c.id().equals(DnsblCheck.ID)) {
        chosen.add(c.id().value());
      }
    }
    return chosen;
  }

  private DomainList readList(PrintWriter err) {
    DomainList list;
    try (Reader r =
        "-".equals(input)
            ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
            : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
      list = DomainList.read(r);
    } catch (IOException e) {
      throw new UsageException("cannot read " + input + ": " + UsageException.describe(e));
    }
    int shown = 0;
    for (DomainList.Rejected bad : list.rejected()) {
      if (shown++ < 20) {
        err.println("mxray: " + input + ":" + bad.line() + ": skipped: " + bad.reason());
      }
    }
    if (list.rejected().size() > 20) {
      err.println(
          "mxray: " + input + ": " + (list.rejected().size() - 20) + " more bad lines skipped");
    }
    if (list.truncated()) {
      err.println(
          "mxray: "
              + input
              + ": only the first "
              + DomainList.MAX_DOMAINS
              + " domains are audited");
    }
    return list;
  }

  private Writer openOutput() throws IOException {
    if (output == null) {
      return new NonClosingWriter(spec.commandLine().getOut());
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new BufferedWriter(
        Files.newBufferedWriter(
            output,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE));
  }

  private String render(AuditReport report) {
    return format == Format.csv ? BatchCsv.row(report) : AuditJson.line(report);
  }

  /** One whole line per report, flushed, so the file is valid whenever the process stops. */
  private static void write(Writer out, String line) {
    try {
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void draw(PrintWriter err, long done, long total, long t0) {
    err.print("\r" + BatchProgress.line(done, total, System.nanoTime() - t0, 80) + "\u001b[K");
    err.flush();
  }

  private void summarize(PrintWriter err, BatchRunner.Summary s, int skipped, DomainList list) {
    double secs = Math.max(s.elapsedMs(), 1) / 1000.0;
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "mxray: batch: %d audited in %.1f s (%.0f/s)",
                s.audited(),
                secs,
                s.audited() / secs));
    for (Severity sev :
        List.of(
            Severity.FAIL, Severity.WARN, Severity.INCONCLUSIVE, Severity.INFO, Severity.PASS)) {
      b.append(", ").append(s.bySeverity().getOrDefault(sev, 0)).append(' ').append(sev.id());
    }
    if (skipped > 0) {
      b.append("; ").append(skipped).append(" already done");
    }
    if (list.duplicates() > 0) {
      b.append("; ").append(list.duplicates()).append(" duplicates");
    }
    if (!list.rejected().isEmpty()) {
      b.append("; ").append(list.rejected().size()).append(" bad lines");
    }
    if (s.stopped()) {
      b.append("; stopped early");
    }
    err.println(b);
  }

  /** stderr is a terminal: Linux tells through /proc; elsewhere assume not (no bar in logs). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** stdout belongs to the process: flush it but never close it. */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(Writer w) {
      super(w);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
