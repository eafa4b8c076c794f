package io.mxray.core.testing;

import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Zone fixtures and a way to run one check against them with no network at all. */
public final class Fixtures {

  /** The documentation prefixes fixtures use for "public" addresses (RFC 5737, RFC 3849). */
  public static final List<Cidr> DOCUMENTATION =
      List.of(
          Cidr.parse("192.0.2.0/24"),
          Cidr.parse("198.51.100.0/24"),
          Cidr.parse("203.0.113.0/24"),
          Cidr.parse("2001:db8::/32"));

  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  /** Any connection attempt fails the test loudly: checks under test must not open sockets. */
  public static final Connector NO_SOCKETS =
      (address, timeout) -> {
        throw new AssertionError("unexpected connection to " + address);
      };

  public static final HttpsFetcher NO_HTTPS =
      (uri, timeout, max) -> {
        throw new AssertionError("unexpected HTTPS fetch of " + uri);
      };

  private Fixtures() {}

  /** Path of a fixture under src/test/resources/zones. */
  public static Path zone(String relative) {
    URL url = Fixtures.class.getResource("/zones/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no fixture zones/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A builder preloaded with the given fixture zone files. */
  public static ZoneFileDnsClient.Builder zones(String... relative) {
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    for (String r : relative) {
      b.zoneFile(zone(r));
    }
    return b;
  }

  /** An audit request for {@code domain} that treats documentation addresses as public. */
  public static AuditRequest request(String domain) {
    return AuditRequest.of(domain).withAssumePublic(DOCUMENTATION);
  }

  public static CheckResult run(Check check, DnsClient dns, AuditRequest request) {
    CheckContext ctx =
        new CheckContext(request, new CachingDnsClient(dns, CLOCK), NO_SOCKETS, NO_HTTPS, CLOCK);
    return check.run(ctx);
  }

  /**
   * Runs a check that may fetch over HTTPS through {@code https} (e.g. a {@link
   * LoopbackHttpsFetcher}).
   */
  public static CheckResult run(
      Check check, DnsClient dns, AuditRequest request, HttpsFetcher https) {
    CheckContext ctx =
        new CheckContext(request, new CachingDnsClient(dns, CLOCK), NO_SOCKETS, https, CLOCK);
    return check.run(ctx);
  }

  public static CheckResult run(Check check, DnsClient dns, String domain) {
    return run(check, dns, request(domain));
  }

  /** A fetcher that answers nothing but a fixed failure, for checks that tolerate no HTTPS. */
  public static HttpsFetcher failingHttps(HttpsResult.Outcome outcome) {
    return (uri, timeout, max) -> HttpsResult.failure(outcome, "fixture");
  }
}
