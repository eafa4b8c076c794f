package io.mxray.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.FeedbackStore;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.feedback.StoredReport;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.watch.WatchStoreException;
import io.mxray.reports.Ansi;
import io.mxray.reports.FeedbackJson;
import io.mxray.reports.FeedbackText;
import io.mxray.reports.Json;
import io.mxray.reports.html.SectionHtml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray report FILE|DIR|-}: read DMARC aggregate, DMARC failure and TLS-RPT reports and
 * print them; {@code import}, {@code list}, {@code show}, {@code insight} and {@code fetch} work
 * with the report store.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Read feedback reports: DMARC aggregate (RFC 7489 Appendix C, DMARCbis, older drafts), DMARC failure"
          + " (RFC 6591 ARF and free-text) and SMTP TLS reports (RFC 8460), given as .xml, .xml.gz, .zip, .json,"
          + " .json.gz or as the e-mail they arrived in (any MIME nesting).",
      "",
      "FILE may be a directory (every regular file in it, not recursive) or '-' for standard input.",
      "Formats: text (default), json (one feedback-reports document), jsonl (one report document per line),"
          + " html. Subcommands keep reports in the store (--data-dir or --db, as for 'mxray watch')."
    },
    subcommands = {
      ReportCommand.Import.class,
      ReportCommand.ListCmd.class,
      ReportCommand.Show.class,
      ReportInsightCommand.class,
      ReportFetchCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  mxray report 'receiver.example!lab.example!1764547200!1764633599.xml.gz'",
      "  mxray report -f json ./reports/",
      "  mxray report import ./reports/ && mxray report insight lab.example",
      "",
      ExitCodes.HELP
    })
public final class ReportCommand implements Callable<Integer> {

  /** Files read from one directory at most. */
  static final int MAX_FILES = 100_000;

  enum Format {
    text,
    json,
    jsonl,
    html
  }

  @Parameters(arity = "0..*", paramLabel = "FILE|DIR|-", description = "Reports to read.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json, jsonl or html. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (inputs.isEmpty()) {
      throw new UsageException(
          "give a report FILE, a DIR or '-' (or a subcommand: import, list, show, insight, fetch)");
    }
    FeedbackReader reader = new FeedbackReader();
    List<FeedbackReader.Outcome> outcomes = read(reader, inputs, spec.commandLine().getErr());
    write(render(outcomes, Map.of(), format), output, spec.commandLine().getOut());
    return ExitCodes.of(worst(outcomes));
  }

  static Severity worst(List<FeedbackReader.Outcome> outcomes) {
    return Severity.worstOf(outcomes.stream().map(FeedbackReader.Outcome::severity).toList());
  }

  static String render(
      List<FeedbackReader.Outcome> outcomes,
      Map<FeedbackReport, FeedbackJson.Stored> stored,
      Format format) {
    StringWriter sw = new StringWriter();
    PrintWriter w = new PrintWriter(sw);
    switch (format) {
      case json -> w.print(Json.pretty(FeedbackJson.list(outcomes, stored)));
      case jsonl -> {
        for (FeedbackReader.Outcome o : outcomes) {
          for (FeedbackReport r : o.reports()) {
            ObjectNode d = FeedbackJson.of(r, o.source());
            FeedbackJson.Stored s = stored.get(r);
            if (s != null) {
              d.putObject("stored").put("id", s.id()).put("duplicate", s.duplicate());
            }
            w.println(Json.compact(d));
          }
        }
      }
      case text -> {
        Ansi ansi = new Ansi(false);
        for (FeedbackReader.Outcome o : outcomes) {
          w.print(FeedbackText.of(o, ansi));
          for (FeedbackReport r : o.reports()) {
            FeedbackJson.Stored s = stored.get(r);
            if (s != null) {
              w.println(
                  "  "
                      + (s.duplicate() ? "already stored as #" : "stored as #")
                      + s.id()
                      + " ("
                      + r.kind().id()
                      + " "
                      + Ansi.clean(r.reportId())
                      + ")");
            }
          }
          w.println();
        }
      }
      case html -> {
        List<Finding> all = new ArrayList<>();
        outcomes.forEach(
            o -> {
              all.addAll(o.findings());
              o.reports().forEach(r -> all.addAll(r.findings()));
            });
        w.print(
            SectionHtml.of(
                outcomes.size() == 1 ? outcomes.get(0).source() : outcomes.size() + " inputs",
                "feedback",
                "Feedback reports",
                all,
                FeedbackJson.list(outcomes, stored),
                Runtime.clock().instant(),
                "mxray " + VersionProvider.version()));
      }
    }
    w.flush();
    return sw.toString();
  }

  static void write(String doc, Path output, PrintWriter out) {
    if (output == null) {
      out.print(doc);
      out.flush();
      return;
    }
    try {
      Files.writeString(output, doc);
    } catch (IOException e) {
      throw new UsageException("cannot write " + output + ": " + UsageException.describe(e));
    }
  }

  /** Every input read: files, every regular file of a directory (sorted), '-' for stdin. */
  static List<FeedbackReader.Outcome> read(
      FeedbackReader reader, List<String> inputs, PrintWriter err) {
    List<FeedbackReader.Outcome> out = new ArrayList<>();
    for (String in : inputs) {
      if (in.equals("-")) {
        try {
          out.add(reader.read("(stdin)", System.in));
        } catch (IOException e) {
          throw new UsageException("cannot read standard input: " + UsageException.describe(e));
        }
        continue;
      }
      Path p = Path.of(in);
      if (Files.isDirectory(p)) {
        List<Path> files;
        try (Stream<Path> s = Files.list(p)) {
          files =
              s.filter(Files::isRegularFile)
                  .filter(f -> !f.getFileName().toString().startsWith("."))
                  .sorted()
                  .limit(MAX_FILES)
                  .toList();
        } catch (IOException e) {
          throw new UsageException("cannot list " + p + ": " + UsageException.describe(e));
        }
        for (Path f : files) {
          readFile(reader, f, out, err);
        }
      } else if (Files.isRegularFile(p)) {
        readFile(reader, p, out, err);
      } else {
        throw new UsageException("no such file or directory: " + in);
      }
    }
    return out;
  }

  private static void readFile(
      FeedbackReader reader, Path f, List<FeedbackReader.Outcome> out, PrintWriter err) {
    try (InputStream s = Files.newInputStream(f)) {
      out.add(reader.read(f.toString(), s));
    } catch (IOException e) {
      err.println("mxray: cannot read " + f + ": " + UsageException.describe(e));
    }
  }

  /** The report store of the report subcommands (the watch list's database). */
  static JdbcFeedbackStore open(WatchCommand.StoreOptions store, FeedbackReader reader) {
    try {
      if (store.db != null) {
        return JdbcFeedbackStore.open(store.db, reader);
      }
      return JdbcFeedbackStore.sqlite(
          store.dataDir != null ? store.dataDir : WatchCommand.StoreOptions.defaultDataDir(),
          reader);
    } catch (WatchStoreException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Read reports and store them (deduplicated by organisation and report id).",
        "Prints what was stored; exit code as for 'mxray report'."
      })
  static final class Import implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-")
    List<String> inputs;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text, json or jsonl. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin WatchCommand.StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FeedbackReader reader = new FeedbackReader();
      List<FeedbackReader.Outcome> outcomes = new ArrayList<>();
      Map<FeedbackReport, FeedbackJson.Stored> stored = new IdentityHashMap<>();
      try (JdbcFeedbackStore s = open(store, reader);
          io.mxray.core.watch.JdbcWatchStore watch = store.open()) {
        io.mxray.core.feedback.FeedbackIngest ingest = ingest(reader, s, watch);
        for (String in : inputs) {
          for (FeedbackReader.Outcome o : read(reader, List.of(in), spec.commandLine().getErr())) {
            outcomes.add(o);
            if (o.reports().isEmpty()) {
              continue;
            }
            byte[] raw = rawOf(o.source());
            io.mxray.core.feedback.FeedbackIngest.Result res = ingest.ingest(o, raw);
            List<FeedbackStore.Added> added = res.stored();
            for (io.mxray.core.feedback.FeedbackIngest.Alert a : res.alerts()) {
              spec.commandLine()
                  .getErr()
                  .println(
                      "mxray: new failing source for "
                          + a.domain()
                          + ": "
                          + a.ip()
                          + " ("
                          + a.messages()
                          + " message(s), reported by "
                          + Ansi.clean(a.orgName())
                          + ")");
            }
            for (int i = 0; i < added.size(); i++) {
              stored.put(
                  o.reports().get(i),
                  new FeedbackJson.Stored(added.get(i).id(), added.get(i).duplicate()));
            }
          }
        }
      }
      write(
          render(outcomes, stored, format == Format.html ? Format.text : format),
          null,
          spec.commandLine().getOut());
      return ExitCodes.of(worst(outcomes));
    }

    private byte[] rawOf(String source) {
      if (source.equals("(stdin)")) {
        throw new UsageException("import reads files, not standard input; save the report first");
      }
      try {
        return Files.readAllBytes(Path.of(source));
      } catch (IOException e) {
        throw new UsageException("cannot read " + source + ": " + UsageException.describe(e));
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List stored reports, newest period first.")
  static final class ListCmd implements Callable<Integer> {
    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only reports about DOMAIN.")
    String domain;

    @Option(
        names = "--days",
        paramLabel = "N",
        defaultValue = "30",
        description = "Reports whose period ended in the last N days. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "200",
        description = "At most N. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "The feedback-stored JSON document.")
    boolean json;

    @Mixin WatchCommand.StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String d = domain == null ? "" : io.mxray.core.dns.DomainName.parse(domain).ascii();
      try (JdbcFeedbackStore s = open(store, new FeedbackReader())) {
        List<StoredReport> l =
            s.list(d, Runtime.clock().instant().minus(Duration.ofDays(Math.max(1, days))), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.print(Json.pretty(FeedbackJson.stored(d, l)));
        } else {
          for (StoredReport r : l) {
            out.printf(
                "#%-6d %-15s %-30s %-28s %s – %s  %d%n",
                r.id(),
                r.kind().id(),
                Ansi.clean(r.policyDomain()),
                Ansi.clean(r.orgName()),
                r.dateRange().begin(),
                r.dateRange().end(),
                r.messages());
          }
          if (l.isEmpty()) {
            out.println("no stored reports" + (d.isEmpty() ? "" : " about " + d));
          }
        }
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one stored report.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    long id;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text, json, jsonl or html. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin WatchCommand.StoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcFeedbackStore s = open(store, new FeedbackReader())) {
        FeedbackReport r =
            s.report(id).orElseThrow(() -> new UsageException("no stored report #" + id));
        FeedbackReader.Outcome o = new FeedbackReader.Outcome("#" + id, List.of(r), List.of());
        write(render(List.of(o), Map.of(), format), null, spec.commandLine().getOut());
        return ExitCodes.of(o.severity());
      }
    }
  }

  /** The ingest every host uses: alerts go to the webhooks of watched domains. */
  static io.mxray.core.feedback.FeedbackIngest ingest(
      FeedbackReader reader,
      io.mxray.core.feedback.FeedbackStore s,
      io.mxray.core.watch.WatchStore watch) {
    return new io.mxray.core.feedback.FeedbackIngest(
        reader,
        s,
        java.util.Optional.of(watch),
        java.util.Optional.of(
            io.mxray.core.watch.WebhookNotifier.standard(
                new io.mxray.core.watch.JdkWebhookSender(), Runtime.clock())),
        a -> Json.compact(FeedbackJson.alert(a)),
        Runtime.clock());
  }

  static Instant now() {
    return Runtime.clock().instant();
  }
}
