package io.mxray.cli;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.mailtest.RecipientPolicy;
import io.mxray.core.mailtest.TestMailAnalyzer;
import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.web.ReportHost;
import io.mxray.web.Services;
import io.mxray.web.SmtpReceiver;
import io.mxray.web.TlsKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * The report options of {@code mxray serve}: the report store and API ({@code --reports}), the
 * inbound SMTP receiver ({@code --smtp-port}) for report addresses and one-time test addresses.
 */
public final class ReportServeOptions {

  @Option(
      names = "--reports",
      description =
          "Keep DMARC/TLS reports (store: --data-dir or --db): POST/GET /api/v1/reports, /api/v1/insight/{domain}.")
  boolean reports;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      description =
          "Also receive mail on this port (0 picks one) for --report-address and --test-domain; implies --reports."
              + " Only those recipients are accepted: never a relay.")
  Integer smtpPort;

  @Option(
      names = "--smtp-bind",
      paramLabel = "ADDRESS",
      description = "Address the SMTP receiver listens on. Default: the --bind address.")
  String smtpBind;

  @Option(
      names = "--smtp-hostname",
      paramLabel = "NAME",
      defaultValue = "localhost",
      description = "The receiver's host name (banner, EHLO, Received). Default: ${DEFAULT-VALUE}.")
  String smtpHostname;

  @Option(
      names = "--report-address",
      paramLabel = "ADDRESS|DOMAIN",
      split = ",",
      description =
          "Accept reports for this address (dmarc@example.com) or every address of this domain (example.com).")
  List<String> reportAddresses = new ArrayList<>();

  @Option(
      names = "--test-domain",
      paramLabel = "DOMAIN",
      description =
          "Hand out one-time test addresses test-TOKEN@DOMAIN (POST /api/v1/tests); DOMAIN's MX must point here.")
  String testDomain;

  @Option(
      names = "--test-ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "How long a test address and its result live. Default: ${DEFAULT-VALUE}.")
  String testTtl;

  @Option(
      names = "--smtp-tls-cert",
      paramLabel = "FILE",
      description =
          "PEM certificate chain for STARTTLS (default: a self-signed one made at start).")
  Path tlsCert;

  @Option(
      names = "--smtp-tls-key",
      paramLabel = "FILE",
      description = "PEM private key of --smtp-tls-cert.")
  Path tlsKey;

  @Option(
      names = "--smtp-max-size",
      paramLabel = "BYTES",
      defaultValue = "26214400",
      description = "Largest message the receiver takes. Default: ${DEFAULT-VALUE} (25 MiB).")
  int maxSize;

  boolean enabled() {
    return reports || smtpPort != null;
  }

  /**
   * Opens the store, gives it to the API and starts the receiver if asked; returns what to close.
   */
  List<AutoCloseable> start(
      Services services,
      WatchCommand.StoreOptions store,
      DnsClient dns,
      String bind,
      PrintWriter out,
      PrintWriter err) {
    List<AutoCloseable> open = new ArrayList<>();
    if (!enabled()) {
      if (!reportAddresses.isEmpty() || testDomain != null) {
        throw new UsageException("--report-address and --test-domain need --smtp-port");
      }
      return open;
    }
    if (smtpPort != null && (smtpPort < 0 || smtpPort > 65535)) {
      throw new UsageException("--smtp-port must be between 0 and 65535");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UsageException("give both --smtp-tls-cert and --smtp-tls-key, or neither");
    }
    if (maxSize < 1024) {
      throw new UsageException("--smtp-max-size must be at least 1024");
    }
    String test = testDomain == null ? "" : DomainName.parse(testDomain).ascii();
    List<String> addrs = new ArrayList<>();
    for (String a : reportAddresses) {
      String t = a.strip();
      int at = t.lastIndexOf('@');
      String dom = at >= 0 ? t.substring(at + 1) : t;
      DomainName.parse(dom);
      addrs.add(t);
    }
    if (smtpPort != null && addrs.isEmpty() && test.isEmpty()) {
      throw new UsageException(
          "--smtp-port needs --report-address and/or --test-domain (whom to accept mail for)");
    }
    Duration ttl = DnsOptions.parseDuration(testTtl, "--test-ttl");
    FeedbackReader reader = new FeedbackReader();
    JdbcFeedbackStore feedback = ReportCommand.open(store, reader);
    open.add(feedback);
    JdbcWatchStore watch = store.open();
    open.add(watch);
    ReportHost host =
        new ReportHost(
            ReportCommand.ingest(reader, feedback, watch),
            new RecipientPolicy(addrs, test),
            ttl,
            new TestMailAnalyzer(dns, Runtime.clock()),
            Runtime.clock());
    services.withReports(host);
    if (smtpPort != null) {
      SSLContext tls;
      try {
        tls = tlsCert != null ? TlsKeys.fromPem(tlsCert, tlsKey) : TlsKeys.selfSigned(smtpHostname);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      String b = smtpBind != null ? smtpBind : bind;
      SmtpReceiver r;
      try {
        r =
            SmtpReceiver.start(
                b,
                smtpPort,
                smtpHostname,
                tls,
                new SmtpReceiver.Limits(
                    maxSize, 20, 64, 8, Duration.ofSeconds(60), Duration.ofMinutes(10)),
                host,
                Runtime.clock(),
                err);
      } catch (RuntimeException e) {
        throw new UsageException(
            "cannot receive mail on " + b + ":" + smtpPort + ": " + e.getMessage());
      }
      open.add(0, r);
      out.println(
          "mxray receiving mail on "
              + (b.contains(":") ? "[" + b + "]" : b)
              + ":"
              + r.port()
              + " for "
              + String.join(", ", addrs)
              + (test.isEmpty() ? "" : (addrs.isEmpty() ? "" : " and ") + "test-*@" + test));
      out.flush();
    }
    return open;
  }
}
