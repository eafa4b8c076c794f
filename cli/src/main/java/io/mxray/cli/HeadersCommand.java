package io.mxray.cli;

import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.headers.DiscoveredDmarcPolicy;
import io.mxray.core.headers.DmarcPolicySource;
import io.mxray.core.headers.EvaluatorSpfVerifier;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.headers.SpfVerifier;
import io.mxray.core.message.Message;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfLimits;
import io.mxray.reports.Ansi;
import io.mxray.reports.HeadersJson;
import io.mxray.reports.HeadersText;
import io.mxray.reports.Json;
import io.mxray.reports.html.HeadersHtml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxray headers [FILE|-]}: analyse pasted headers or a whole message. */
@Command(
    name = "headers",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse a message's headers (or a whole .eml message): hop table with delays, decoded headers,"
          + " DKIM and ARC verification, SPF/DMARC alignment, spam-filter verdicts and the Gmail/Yahoo/Microsoft"
          + " bulk-sender checklist.",
      "Reads FILE, or standard input when FILE is '-' or absent. Inputs over 10 MiB are cut and say so."
    },
    footer = {
      "",
      "Examples:",
      "  mxray headers message.eml",
      "  pbpaste | mxray headers --format json",
      "  mxray headers --offline headers.txt",
      "  mxray headers --zone-file keys.zone message.eml",
      "",
      "SPF is re-evaluated for the origin IP and DMARC policies are looked up (not with --offline); the",
      "receiver's recorded results are shown next to mxray's. The hop table shows delays, each hop's share,",
      "clock skew and the origin (where the message entered the receiver, and why); see docs/headers.md.",
      "",
      ExitCodes.HELP
    })
public final class HeadersCommand implements Callable<Integer> {

  /** Input beyond this is not even counted (a stream could be endless). */
  static final long MAX_COUNTED_BYTES = 1L << 30;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      defaultValue = "-",
      description = "The message or headers to analyse; '-' (the default) reads standard input.")
  String file;

  @Option(
      names = "--offline",
      description = "Parse only: no DNS questions; DKIM, ARC and reverse DNS are not verified.")
  boolean offline;

  @Mixin DnsOptions dns;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  InputStream stdin = System.in;

  @Override
  public Integer call() {
    byte[][] holder = new byte[1][];
    long total = read(holder);
    Message message = HeaderParser.parse(holder[0], total);
    Optional<DnsClient> client =
        offline
            ? Optional.empty()
            : Optional.of(new CachingDnsClient(dns.client(), Runtime.clock()));
    SpfVerifier spf =
        client
            .<SpfVerifier>map(
                d ->
                    new EvaluatorSpfVerifier(
                        d,
                        new SpfEvaluator.Options(
                            SpfLimits.RFC, Optional.empty(), "mxray", Runtime.clock())))
            .orElse(SpfVerifier.NOT_WIRED);
    DmarcPolicySource dmarc =
        client
            .<DmarcPolicySource>map(DiscoveredDmarcPolicy::new)
            .orElse(DmarcPolicySource.NOT_WIRED);
    MessageAnalyzer analyzer = new MessageAnalyzer(client, Runtime.clock(), spf, dmarc);
    MessageAnalysis analysis = analyzer.analyze(message);
    String doc =
        switch (output.format()) {
          case json -> Json.pretty(HeadersJson.of(analysis));
          case text -> HeadersText.of(analysis, new Ansi(output.color()));
          case html ->
              HeadersHtml.of(
                  analysis, Runtime.clock().instant(), "mxray " + VersionProvider.version());
        };
    output.write(doc, spec.commandLine().getOut());
    return ExitCodes.of(analysis.worst());
  }

  /**
   * Reads at most the analysis cap into {@code holder[0]}; returns how many bytes the input had.
   */
  private long read(byte[][] holder) {
    try (InputStream in =
        file.equals("-") ? nonClosing(stdin) : Files.newInputStream(Path.of(file))) {
      int cap = HeaderParser.MAX_INPUT_BYTES;
      ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
      byte[] chunk = new byte[64 * 1024];
      long total = 0;
      int r;
      while ((r = in.read(chunk)) > 0) {
        if (total < cap) {
          buf.write(chunk, 0, (int) Math.min(r, cap - total));
        }
        total += r;
        if (total > MAX_COUNTED_BYTES) {
          break;
        }
      }
      holder[0] = buf.toByteArray();
      return total;
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + UsageException.describe(e));
    }
  }

  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {
        // standard input stays open for the caller
      }
    };
  }
}
