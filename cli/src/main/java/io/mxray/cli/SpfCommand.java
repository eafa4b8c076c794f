package io.mxray.cli;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfCheck;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfLimits;
import io.mxray.core.spf.SpfRequest;
import io.mxray.core.spf.SpfResult;
import io.mxray.reports.Ansi;
import io.mxray.reports.Json;
import io.mxray.reports.SpfJson;
import io.mxray.reports.SpfText;
import io.mxray.reports.html.AuditHtml;
import io.mxray.reports.html.SectionHtml;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray spf DOMAIN}: audit the SPF record and print its include/redirect tree with lookup
 * counts; {@code mxray spf [DOMAIN] --ip ADDR [--sender MAILFROM] [--helo NAME]}: evaluate
 * check_host().
 */
@Command(
    name = "spf",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a domain's SPF record (RFC 7208) and show its include/redirect tree with per-branch"
          + " DNS lookup counts, or, with --ip, evaluate check_host() and show the full trace.",
      "With --ip the domain may be left out: it is then the --sender's domain, or the --helo name when the"
          + " sender is empty (the null reverse-path, checked as postmaster@HELO; RFC 7208 §2.4)."
    },
    footer = {
      "",
      "Exit codes with --ip (the SPF result):",
      "  0   pass",
      "  1   neutral or none",
      "  2   fail, softfail or permerror",
      "  3   temperror (a DNS lookup failed; the result is unknown)",
      "  64  usage error (bad address, bad option)",
      "  70  internal error (a bug: please report it)",
      "",
      "Without --ip (the record audit):",
      ExitCodes.HELP
    })
public final class SpfCommand implements Callable<Integer> {

  /** A draft record larger than this is refused (a TXT answer cannot exceed 64 KiB). */
  static final int MAX_DRAFT = 65_535;

  @Parameters(
      paramLabel = "DOMAIN",
      arity = "0..1",
      description =
          "The domain whose record to audit or evaluate (optional with --ip and --sender/--helo).")
  String domain;

  @Option(
      names = "--ip",
      paramLabel = "ADDR",
      description = "Evaluate check_host() for this client address.")
  String ip;

  @Option(
      names = "--sender",
      paramLabel = "MAILFROM",
      description = "The MAIL FROM address (local@domain; empty for the null reverse-path).")
  String sender;

  @Option(names = "--helo", paramLabel = "NAME", description = "The HELO/EHLO name.")
  String helo;

  @Option(
      names = "--receiver",
      paramLabel = "NAME",
      defaultValue = "unknown",
      description =
          "The receiving host's name, for %%{r} in explanations. Default: ${DEFAULT-VALUE}.")
  String receiver;

  @Option(
      names = "--max-lookups",
      paramLabel = "N",
      defaultValue = "10",
      description = "DNS-querying term limit for --ip (diagnostics; RFC 7208 §4.6.4 says 10).")
  int maxLookups;

  @Option(
      names = "--max-void-lookups",
      paramLabel = "N",
      defaultValue = "2",
      description = "Void lookup limit for --ip (diagnostics; RFC 7208 §4.6.4 says 2).")
  int maxVoid;

  @Option(
      names = "--record",
      paramLabel = "TEXT",
      description =
          "Audit this draft record as if published at DOMAIN (one string, or zone-file style quoted"
              + " strings: '\"v=spf1 ...\" \"...\"'). Its includes are still looked up.")
  String record;

  @Mixin DnsOptions dns;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (ip == null) {
      if (sender != null || helo != null) {
        throw new UsageException("--sender and --helo need --ip (the client address to evaluate)");
      }
      if (domain == null) {
        throw new UsageException("a DOMAIN is required (or --ip with --sender/--helo)");
      }
      return audit();
    }
    if (record != null) {
      throw new UsageException("--record audits a draft; it cannot be combined with --ip");
    }
    return evaluate();
  }

  private int audit() {
    String d = DomainName.parse(domain).ascii();
    Optional<List<String>> draft = record == null ? Optional.empty() : Optional.of(strings(record));
    DnsClient client = new CachingDnsClient(dns.client(), Runtime.clock());
    CheckResult r = new SpfCheck().audit(client, d, draft);
    String doc =
        switch (output.format()) {
          case json -> Json.pretty(SpfJson.audit(d, r));
          case text -> SpfText.audit(d, r, new Ansi(output.color()));
          case html -> AuditHtml.of(oneCheckReport(d, r), "mxray " + VersionProvider.version());
        };
    output.write(doc, spec.commandLine().getOut());
    return ExitCodes.of(r.severity());
  }

  /**
   * A report holding one check, so the HTML writer can render SPF results like any audit section.
   */
  private static AuditReport oneCheckReport(String domain, CheckResult r) {
    return new AuditReport(
        domain, r.severity(), List.of(r), List.of(), Runtime.clock().instant(), r.durationMs());
  }

  private int evaluate() {
    InetAddress addr =
        Addresses.parse(ip.strip())
            .orElseThrow(
                () -> new UsageException("--ip '" + ip + "' is not an IPv4 or IPv6 address"));
    if (maxLookups < 0 || maxLookups > 1000 || maxVoid < 0 || maxVoid > 1000) {
      throw new UsageException("--max-lookups and --max-void-lookups must be between 0 and 1000");
    }
    SpfRequest req;
    if (domain != null) {
      req = SpfRequest.forDomain(addr, DomainName.parse(domain).ascii(), sender, helo);
    } else if (sender != null || helo != null) {
      req = SpfRequest.mailFrom(addr, sender, helo);
    } else {
      throw new UsageException("give a DOMAIN, or --sender / --helo to derive it from");
    }
    SpfEvaluator.Options opts =
        new SpfEvaluator.Options(
            new SpfLimits(maxLookups, 10, 10, maxVoid),
            Optional.empty(),
            receiver,
            Runtime.clock());
    SpfEvaluation e =
        new SpfEvaluator(new CachingDnsClient(dns.client(), Runtime.clock()), opts).checkHost(req);
    List<Finding> findings = e.findings(req);
    String doc =
        switch (output.format()) {
          case json -> Json.pretty(SpfJson.evaluation(req, e, findings));
          case text -> SpfText.evaluation(req, e, findings, new Ansi(output.color()));
          case html ->
              SectionHtml.of(
                  req.domain(),
                  "spf.evaluation",
                  "SPF check_host() evaluation",
                  findings,
                  SpfJson.evaluation(req, e, findings),
                  Runtime.clock().instant(),
                  "mxray " + VersionProvider.version());
        };
    output.write(doc, spec.commandLine().getOut());
    return exitCode(e.result());
  }

  static int exitCode(SpfResult r) {
    return switch (r) {
      case PASS -> ExitCodes.OK;
      case NEUTRAL, NONE -> ExitCodes.WARN;
      case FAIL, SOFTFAIL, PERMERROR -> ExitCodes.FAIL;
      case TEMPERROR -> ExitCodes.INCONCLUSIVE;
    };
  }

  /** A draft as TXT strings: zone-file quoted strings, or the whole text as one string. */
  static List<String> strings(String text) {
    if (text.length() > MAX_DRAFT) {
      throw new UsageException("--record is longer than " + MAX_DRAFT + " characters");
    }
    String t = text.strip();
    if (t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    if (!t.startsWith("\"")) {
      return List.of(t);
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (c != '"') {
        throw new UsageException("--record: expected a quoted string at character " + (i + 1));
      }
      StringBuilder s = new StringBuilder();
      i++;
      while (i < t.length() && t.charAt(i) != '"') {
        if (t.charAt(i) == '\\' && i + 1 < t.length()) {
          i++;
        }
        s.append(t.charAt(i++));
      }
      if (i >= t.length()) {
        throw new UsageException("--record: unterminated quoted string");
      }
      i++;
      out.add(s.toString());
    }
    return out;
  }
}
