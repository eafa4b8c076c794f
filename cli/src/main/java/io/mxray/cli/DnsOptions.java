package io.mxray.cli;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsjavaClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.dns.ZoneFileException;
import io.mxray.core.dnssec.DnsjavaDnssecValidator;
import io.mxray.core.dnssec.DnssecValidator;
import io.mxray.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How mxray asks the DNS: system resolvers, chosen resolvers, or zone files. */
public final class DnsOptions {

  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description =
          "DNS resolver to ask (repeatable; IPv6 as [addr]:port). Default: the system's resolvers.")
  List<String> resolvers = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "Timeout for each DNS try, and for each connect/read step of 'mxray probe' (audit probes fit their"
              + " steps into --check-timeout), e.g. 5s or 1500ms. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "1",
      description = "DNS retries per server after the first try. Default: ${DEFAULT-VALUE}.")
  int retries;

  @Option(
      names = "--zone-file",
      paramLabel = "[ORIGIN=]FILE",
      description =
          "Answer DNS from this RFC 1035 master file instead of the network (repeatable). Names outside"
              + " every loaded zone are NXDOMAIN. Use it to audit a draft zone before publishing it.")
  List<String> zoneFiles = new ArrayList<>();

  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description =
          "DNSSEC trust anchors (DS or DNSKEY records in master-file format) for the dnssec and dane checks,"
              + " instead of the IANA root keys, e.g. for a lab zone signed locally.")
  Path trustAnchor;

  @Option(
      names = "--ns-port",
      paramLabel = "PORT",
      defaultValue = "53",
      hidden = true,
      description =
          "Port used when asking name servers directly (labs that run servers on a high port).")
  int nsPort;

  public Duration timeout() {
    return parseDuration(timeout, "--timeout");
  }

  /** Builds the DNS client the options describe; throws {@link UsageException} for bad values. */
  public DnsClient client() {
    return client(null);
  }

  /** As {@link #client()}, with another UDP/TCP transport for network resolvers (batch). */
  public DnsClient client(org.xbill.DNS.io.IoClientFactory transport) {
    if (!zoneFiles.isEmpty()) {
      if (!resolvers.isEmpty()) {
        throw new UsageException(
            "--zone-file and --resolver cannot be combined: zone files answer every question");
      }
      try {
        return ZoneFileDnsClient.fromSpecs(zoneFiles);
      } catch (ZoneFileException e) {
        throw new UsageException(e.getMessage());
      }
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String r : resolvers) {
      servers.add(parseServer(r));
    }
    if (retries < 0 || retries > 10) {
      throw new UsageException("--retries must be between 0 and 10");
    }
    if (nsPort < 1 || nsPort > 65535) {
      throw new UsageException("--ns-port must be between 1 and 65535");
    }
    return new DnsjavaClient(
        new DnsjavaClient.Config(servers, timeout(), retries, nsPort), transport);
  }

  /**
   * The DNSSEC validator for these options (the dnssec and dane checks): a local validating
   * resolver over the same resolvers, anchored at the IANA root keys or --trust-anchor; none in
   * zone-file mode (a zone file has no chain of trust to check).
   */
  public Optional<DnssecValidator> dnssecValidator() {
    if (!zoneFiles.isEmpty()) {
      return Optional.empty();
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String r : resolvers) {
      servers.add(parseServer(r));
    }
    if (trustAnchor == null) {
      return Optional.of(DnsjavaDnssecValidator.overResolvers(servers, timeout()));
    }
    String anchors;
    try {
      anchors = Files.readString(trustAnchor, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "--trust-anchor: cannot read " + trustAnchor + ": " + UsageException.describe(e));
    }
    try {
      return Optional.of(
          DnsjavaDnssecValidator.overResolvers(
              servers, timeout(), anchors, "trust anchor " + trustAnchor));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--trust-anchor " + trustAnchor + ": " + e.getMessage());
    }
  }

  static InetSocketAddress parseServer(String text) {
    String s = text.strip();
    String host = s;
    int port = 53;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        throw new UsageException("--resolver '" + text + "': missing ']'");
      }
      host = s.substring(1, end);
      String rest = s.substring(end + 1);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw new UsageException("--resolver '" + text + "': expected [address]:port");
      }
    } else if (s.chars().filter(c -> c == ':').count() == 1) {
      int colon = s.indexOf(':');
      host = s.substring(0, colon);
      port = parsePort(s.substring(colon + 1), text);
    }
    Optional<InetAddress> ip = Addresses.parse(host);
    if (ip.isEmpty()) {
      throw new UsageException(
          "--resolver '" + text + "': give the resolver's IP address (e.g. 127.0.0.1:5353)");
    }
    return new InetSocketAddress(ip.get(), port);
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--resolver '" + text + "': port must be a number between 1 and 65535");
    }
  }

  /** Parses 5s, 1500ms, 2m or a bare number of seconds. */
  public static Duration parseDuration(String text, String option) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      } else if (s.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      } else if (s.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
      } else {
        d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
      }
      if (d.isNegative() || d.isZero()) {
        throw new UsageException(option + " must be positive");
      }
      if (d.compareTo(Duration.ofHours(24)) > 0) {
        throw new UsageException(option + " must be at most 24h");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException(
          option + " '" + text + "': expected a duration such as 5s, 1500ms or 2m");
    }
  }
}
