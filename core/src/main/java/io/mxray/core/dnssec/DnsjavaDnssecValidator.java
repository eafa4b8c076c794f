package io.mxray.core.dnssec;

import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.InvalidDomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * {@link DnssecValidator} on dnsjava's {@link ValidatingResolver}: the upstream resolvers are asked
 * with the CD bit (they return data unvalidated) and the chain of trust is checked locally from the
 * trust anchors — the IANA root anchors by default ({@code root-anchors.txt}), or any master-file
 * DS/DNSKEY set (tests).
 */
public final class DnsjavaDnssecValidator implements DnssecValidator {

  private final ValidatingResolver resolver;
  private final Duration deadline;
  private final String anchor;

  /**
   * @param upstream resolver asked for the raw data (recursive, or an in-process test server)
   * @param trustAnchors master-file text with DS or DNSKEY records
   * @param anchorDescription for reports
   * @param deadline overall deadline for one validation (several lookups)
   */
  public DnsjavaDnssecValidator(
      Resolver upstream, String trustAnchors, String anchorDescription, Duration deadline) {
    this.resolver = new ValidatingResolver(upstream);
    this.deadline = deadline;
    this.anchor = anchorDescription;
    try {
      resolver.loadTrustAnchors(
          new ByteArrayInputStream(trustAnchors.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable trust anchors: " + e.getMessage(), e);
    }
    if (resolver.getTrustAnchors().items().isEmpty()) {
      // Without an anchor every answer would look "insecure"; refuse rather than mislead.
      throw new IllegalArgumentException("no DS or DNSKEY trust anchor records found");
    }
  }

  /**
   * Over the given recursive resolvers (the system's when empty), anchored at the IANA root keys.
   */
  public static DnsjavaDnssecValidator overResolvers(
      List<InetSocketAddress> servers, Duration timeout) {
    return overResolvers(servers, timeout, rootAnchors(), "IANA root trust anchor");
  }

  /**
   * Over the given recursive resolvers (the system's when empty), anchored at {@code trustAnchors}.
   */
  public static DnsjavaDnssecValidator overResolvers(
      List<InetSocketAddress> servers,
      Duration timeout,
      String trustAnchors,
      String anchorDescription) {
    List<InetSocketAddress> list =
        servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    if (list.isEmpty()) {
      // No resolv.conf: the same fallback as DnsjavaClient, a resolver on this host.
      list = List.of(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 53));
    }
    List<Resolver> resolvers = new ArrayList<>();
    for (InetSocketAddress s : list) {
      SimpleResolver r = new SimpleResolver(s);
      r.setTimeout(timeout);
      r.setEDNS(0, 1232, Flags.DO, List.of());
      resolvers.add(r);
    }
    ExtendedResolver upstream = new ExtendedResolver(resolvers);
    upstream.setTimeout(timeout);
    return new DnsjavaDnssecValidator(
        upstream, trustAnchors, anchorDescription, timeout.multipliedBy(6));
  }

  /** The IANA root trust anchors shipped with mxray. */
  public static String rootAnchors() {
    try (InputStream in = DnsjavaDnssecValidator.class.getResourceAsStream("root-anchors.txt")) {
      if (in == null) {
        throw new IllegalStateException("root-anchors.txt missing from the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String anchorDescription() {
    return anchor;
  }

  @Override
  public DnssecVerdict validate(String name, int type) {
    Message query;
    try {
      query = Message.newQuery(Record.newRecord(DomainName.toName(name), type, DClass.IN));
    } catch (InvalidDomainException e) {
      return new DnssecVerdict(DnssecStatus.INDETERMINATE, e.getMessage(), "");
    }
    Message reply;
    try {
      reply =
          resolver
              .sendAsync(query)
              .toCompletableFuture()
              .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DnssecVerdict(DnssecStatus.INDETERMINATE, "interrupted", "");
    } catch (TimeoutException e) {
      return new DnssecVerdict(
          DnssecStatus.INDETERMINATE, "no answer within " + deadline.toMillis() + " ms", "");
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return new DnssecVerdict(
          DnssecStatus.INDETERMINATE, c.getClass().getSimpleName() + ": " + c.getMessage(), "");
    }
    int rcode = reply.getRcode();
    String reason = reason(reply);
    if (reply.getHeader().getFlag(Flags.AD)) {
      return new DnssecVerdict(DnssecStatus.SECURE, "", Rcode.string(rcode));
    }
    if (rcode == Rcode.SERVFAIL) {
      // The validator explains bogus answers; a SERVFAIL without its explanation came from
      // upstream.
      return new DnssecVerdict(
          reason.isEmpty() ? DnssecStatus.INDETERMINATE : DnssecStatus.BOGUS,
          reason.isEmpty() ? "the resolver answered SERVFAIL" : reason,
          Rcode.string(rcode));
    }
    return new DnssecVerdict(DnssecStatus.INSECURE, reason, Rcode.string(rcode));
  }

  private static String reason(Message reply) {
    for (Record r : reply.getSection(Section.ADDITIONAL)) {
      if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS
          && r instanceof TXTRecord t) {
        return String.join(" ", t.getStrings());
      }
    }
    return "";
  }
}
