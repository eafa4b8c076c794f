package io.mxray.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.DsnParser;
import io.mxray.core.bounce.Mbox;
import io.mxray.core.finding.Severity;
import io.mxray.reports.Ansi;
import io.mxray.reports.BounceJson;
import io.mxray.reports.BounceText;
import io.mxray.reports.Json;
import io.mxray.reports.html.BounceHtml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray bounce [FILE|-]} and {@code mxray bounce --dir DIR}: explain bounce messages. */
@Command(
    name = "bounce",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a bounce: parse the delivery status notification (RFC 3464), ARF feedback report "
          + "(RFC 5965), auto-reply (RFC 3834) or non-standard MTA bounce text, and say for every recipient what "
          + "happened (Sisimai reason), whether it is a hard or soft bounce, when to retry and what to do.",
      "",
      "Reads one message (.eml) from FILE or standard input ('-'), or with --dir every file in DIR "
          + "(mbox files are split into messages). Input is capped at "
          + DsnParser.MAX_BYTES
          + " bytes per message.",
      "Formats: text (default), json (one document; with --dir an array under \"messages\"), jsonl (one "
          + "object per message, each with \"file\"), html (one message: a single-file report).",
      "Per recipient: the reason, hard or soft, the alias that was mailed, the failed SMTP command, the "
          + "reporting and remote MTA, the original Message-ID, sender, Subject and List-Id, the bounce's date "
          + "and a de-duplication key.",
      "With --dir, a message that cannot be explained is reported as an error line (JSONL type "
          + "bounce-error) and the run goes on; the exit code is then 70."
    },
    footer = {
      "",
      "Examples:",
      "  mxray bounce bounce.eml",
      "  mxray bounce --format json - < bounce.eml",
      "  mxray bounce --dir ./bounces --format jsonl",
      "",
      ExitCodes.HELP
    })
public final class BounceCommand implements Callable<Integer> {

  /** Files read from one --dir at most. */
  static final int MAX_FILES = 100_000;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "The message file, or '-' for standard input.")
  String file;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Classify every regular file in DIR (sorted by name; "
              + "not recursive; hidden files skipped).")
  Path dir;

  @Mixin BounceOutputOptions output;
  @Spec CommandSpec spec;

  /** Explains one message; a seam for tests that need a message to fail. */
  private final java.util.function.Function<byte[], BounceReport> explainer;

  public BounceCommand() {
    this(new BounceExplainer()::explain);
  }

  BounceCommand(java.util.function.Function<byte[], BounceReport> explainer) {
    this.explainer = explainer;
  }

  @Override
  public Integer call() throws IOException {
    if ((file == null) == (dir == null)) {
      throw new UsageException("give exactly one of FILE, '-' or --dir DIR");
    }
    Ansi ansi = new Ansi(output.color());
    List<Severity> severities = new ArrayList<>();
    StringWriter doc = new StringWriter();
    PrintWriter w = new PrintWriter(doc);
    boolean[] crashed = {false};
    if (dir != null) {
      if (output.format() == BounceOutputOptions.Format.html) {
        throw new UsageException(
            "--format html explains one message; use json or jsonl with --dir");
      }
      batch(w, ansi, severities, crashed);
    } else {
      byte[] raw = file.equals("-") ? read(System.in) : readFile(Path.of(file));
      String label = file.equals("-") ? "(stdin)" : file;
      BounceReport r = explainer.apply(raw);
      severities.add(r.severity());
      switch (output.format()) {
        case json -> w.print(Json.pretty(BounceJson.of(r, null, null)));
        case jsonl -> w.println(Json.compact(BounceJson.of(r, label, null)));
        case text -> w.print(BounceText.of(r, label, ansi));
        case html ->
            w.print(
                BounceHtml.of(
                    r, BounceJson.of(r, null, null), java.time.Instant.now(), "mxray bounce"));
      }
    }
    w.flush();
    output.write(doc.toString(), spec.commandLine().getOut());
    return crashed[0] ? ExitCodes.INTERNAL : ExitCodes.of(Severity.worstOf(severities));
  }

  private void batch(PrintWriter w, Ansi ansi, List<Severity> severities, boolean[] crashed)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UsageException("not a directory: " + dir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .limit(MAX_FILES)
              .toList();
    }
    List<ObjectNode> messages = new ArrayList<>();
    for (Path p : files) {
      String label = dir.resolve(p.getFileName()).toString();
      byte[] head;
      try (InputStream in = Files.newInputStream(p)) {
        head = in.readNBytes(5);
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("mxray: cannot read " + label + ": " + UsageException.describe(e));
        severities.add(Severity.INCONCLUSIVE);
        continue;
      }
      if (Mbox.looksLikeMbox(head) && isMultiMessageMbox(p)) {
        try (InputStream in = Files.newInputStream(p)) {
          Mbox.split(
              in,
              (index, bytes) ->
                  explainOne(w, ansi, severities, messages, crashed, bytes, label, index));
        }
      } else {
        explainOne(w, ansi, severities, messages, crashed, readFile(p), label, null);
      }
    }
    if (output.format() == BounceOutputOptions.Format.json) {
      w.print(Json.pretty(BounceJson.batch(messages)));
    }
  }

  /**
   * Explains one message of a batch. A bug that escapes the explainer (any Throwable, a stack
   * overflow included) ends this message only: it becomes an error line in the output and the run
   * goes on; the exit code is then 70 (internal error).
   */
  private void explainOne(
      PrintWriter w,
      Ansi ansi,
      List<Severity> severities,
      List<ObjectNode> messages,
      boolean[] crashed,
      byte[] bytes,
      String label,
      Integer index) {
    BounceReport r;
    try {
      r = explainer.apply(bytes);
    } catch (Throwable t) { // NOPMD: one broken message must not end the batch
      crashed[0] = true;
      String error = "internal error: " + t.getClass().getSimpleName();
      switch (output.format()) {
        case jsonl -> w.println(Json.compact(BounceJson.error(label, index, error)));
        case json -> messages.add(BounceJson.error(label, index, error));
        default -> {
          w.print(BounceText.error(index == null ? label : label + " #" + index, error, ansi));
          w.println();
        }
      }
      return;
    }
    emit(w, ansi, severities, messages, r, label, index);
  }

  private void emit(
      PrintWriter w,
      Ansi ansi,
      List<Severity> severities,
      List<ObjectNode> messages,
      BounceReport r,
      String label,
      Integer index) {
    severities.add(r.severity());
    switch (output.format()) {
      case jsonl -> w.println(Json.compact(BounceJson.of(r, label, index)));
      case json -> messages.add(BounceJson.of(r, label, index));
      case text -> {
        w.print(BounceText.of(r, index == null ? label : label + " #" + index, ansi));
        w.println();
      }
    }
  }

  /** An mbox with one message is read as a plain message; only real mailboxes are split. */
  private static boolean isMultiMessageMbox(Path p) throws IOException {
    int[] count = {0};
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = in.readNBytes(DsnParser.MAX_BYTES);
      String s = new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1);
      int i = 0;
      while ((i = s.indexOf("\nFrom ", i)) >= 0 && count[0] < 2) {
        count[0]++;
        i++;
      }
    }
    return count[0] > 0;
  }

  static byte[] readFile(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return read(in);
    } catch (IOException e) {
      throw new UsageException("cannot read " + p + ": " + UsageException.describe(e));
    }
  }

  /** Reads at most one byte more than the cap, so the parser can tell the input was truncated. */
  static byte[] read(InputStream in) {
    try {
      return in.readNBytes(DsnParser.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UsageException("cannot read input: " + UsageException.describe(e));
    }
  }
}
