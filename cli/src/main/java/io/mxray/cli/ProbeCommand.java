package io.mxray.cli;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.InvalidDomainException;
import io.mxray.core.finding.Finding;
import io.mxray.core.probe.Op25b;
import io.mxray.core.probe.PortSpec;
import io.mxray.core.probe.ProbeOptions;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTargets;
import io.mxray.core.probe.Prober;
import io.mxray.core.probe.Service;
import io.mxray.reports.Ansi;
import io.mxray.reports.Json;
import io.mxray.reports.ProbeJson;
import io.mxray.reports.ProbeText;
import io.mxray.reports.html.SectionHtml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mxray probe HOST}: talk to a mail server's SMTP, POP3 and IMAP ports and inspect their
 * TLS.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Probe a mail server: SMTP (25, 587, 465), POP3 (110, 995) and IMAP (143, 993) with STARTTLS,"
          + " certificate and a TLS scan (every version, suite, key-exchange group and setting the server"
          + " accepts) graded after the NCSC-NL TLS guidelines 2025-05 as internet.nl applies them to mail.",
      "HOST is an IP address or a host name; a domain with MX records stands for its mail exchangers.",
      "Each port ends within --deadline whatever the server does. mxray never sends credentials or mail.",
      "The CLI may probe private addresses (your own LAN); the web API does not."
    },
    footer = {
      "",
      "Examples:",
      "  mxray probe mx1.example.com --ports 25,587,465 --format json",
      "  mxray probe 192.0.2.25 --ports smtp:2525,imaps:1993 --ca-file my-ca.pem",
      "",
      ExitCodes.HELP
    })
public final class ProbeCommand implements Callable<Integer> {

  static final long MAX_CA_FILE = 1024 * 1024;

  @Parameters(
      paramLabel = "HOST",
      description = "IP address, host name, or domain (probes its MX hosts, at most 4).")
  String host;

  @Option(
      names = "--ports",
      paramLabel = "PORTS",
      defaultValue = "25,587,465,110,995,143,993",
      description =
          "Ports to probe, comma-separated. Well-known numbers imply their protocol; others name it:"
              + " smtp:2525, submission:2587, smtps:4465, pop3:1110, pop3s:1995, imap:1143, imaps:1993."
              + " Default: ${DEFAULT-VALUE}.")
  String ports;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description =
          "Overall deadline for each port, TLS scan included (--timeout bounds each step). Default: ${DEFAULT-VALUE}.")
  String deadline;

  @Option(
      names = "--greeting-timeout",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description =
          "How long to wait for the SMTP greeting, apart from --timeout: postscreen's pregreet test and"
              + " greylisting servers greet late on purpose. Default: ${DEFAULT-VALUE}.")
  String greetingTimeout;

  @Option(
      names = "--banner-slow",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "An SMTP greeting later than this is smtp.banner-slow. Default: ${DEFAULT-VALUE}.")
  String bannerSlow;

  @Option(
      names = "--relay-test",
      description =
          "Also test for an open relay: MAIL FROM and RCPT TO with foreign domains (example.org ->"
              + " example.net), then RSET and QUIT. Never sends DATA. Only test servers you are responsible for.")
  boolean relayTest;

  @Option(
      names = "--no-tls-scan",
      description =
          "Skip the TLS scan of versions, suites, groups and settings (it opens one connection per"
              + " question, typically 30 to 100 per port).")
  boolean noTlsScan;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM file of CA certificates to trust besides the JDK's trust store (a private CA).")
  Path caFile;

  @Option(
      names = "--transcript",
      description = "Show each port's transcript in text output (JSON always has it).")
  boolean transcript;

  @Mixin DnsOptions dns;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<PortSpec> specs;
    try {
      specs = PortSpec.parseList(ports);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ports: " + e.getMessage());
    }
    Duration step = dns.timeout();
    Duration overall = DnsOptions.parseDuration(deadline, "--deadline");
    ProbeOptions options =
        ProbeOptions.defaults(Runtime.clock())
            .withTimeouts(step, overall)
            .withBannerSlow(DnsOptions.parseDuration(bannerSlow, "--banner-slow"))
            .withGreetingTimeout(DnsOptions.parseDuration(greetingTimeout, "--greeting-timeout"))
            .withRelayTest(relayTest)
            .withTlsScan(!noTlsScan)
            .withExtraTrust(caFile == null ? List.of() : readCas(caFile));
    long t0 = System.nanoTime();
    DnsClient client = dns.client();
    ProbeTargets.Resolution res;
    try {
      res = ProbeTargets.resolve(client, host, specs);
    } catch (InvalidDomainException e) {
      throw new UsageException(
          "'" + host + "' is neither an IP address nor a valid host name: " + e.getMessage());
    }
    if (res.targets().isEmpty() && res.findings().isEmpty()) {
      throw new UsageException(host + " has no MX, A or AAAA records");
    }
    ExecutorService executor = Runtime.executor();
    try {
      List<ProbeResult> results =
          new Prober(Runtime.ports(client).connector(), options).probeAll(res.targets(), executor);
      List<Finding> findings = new ArrayList<>(res.findings());
      Op25b.assess(
              results.stream().filter(r -> r.target().service() == Service.SMTP).toList(),
              results.stream()
                  .filter(
                      r ->
                          r.target().service() != Service.SMTP
                              && r.target().service().protocol() == Service.Protocol.SMTP)
                  .toList())
          .ifPresent(findings::add);
      ProbeReport report =
          new ProbeReport(host, results, findings, (System.nanoTime() - t0) / 1_000_000);
      String doc =
          switch (output.format()) {
            case json -> Json.pretty(ProbeJson.of(report));
            case text -> ProbeText.of(report, new Ansi(output.color()), transcript);
            case html ->
                SectionHtml.of(
                    host,
                    "probe",
                    "Server probe",
                    report.allFindings(),
                    ProbeJson.of(report),
                    Runtime.clock().instant(),
                    "mxray " + VersionProvider.version());
          };
      output.write(doc, spec.commandLine().getOut());
      return ExitCodes.of(report.severity());
    } finally {
      executor.shutdownNow();
    }
  }

  static List<X509Certificate> readCas(Path file) {
    try {
      if (Files.size(file) > MAX_CA_FILE) {
        throw new UsageException("--ca-file " + file + ": larger than 1 MiB");
      }
      try (InputStream in = Files.newInputStream(file)) {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
          throw new UsageException("--ca-file " + file + ": no certificates in it");
        }
        return out;
      }
    } catch (IOException e) {
      throw new UsageException("--ca-file " + file + ": " + e.getMessage());
    } catch (CertificateException e) {
      throw new UsageException(
          "--ca-file " + file + ": not PEM certificates (" + e.getMessage() + ")");
    }
  }
}
