package io.mxray.web;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import io.mxray.core.net.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * The SSRF guard: decides whether the service may open a connection to an address. By default only
 * {@link AddressClass#PUBLIC} addresses are allowed; loopback, private, link-local, CGNAT,
 * multicast, reserved, documentation, benchmarking, unspecified and cloud-metadata addresses are
 * refused, and IPv4-mapped/compatible/NAT64/6to4 IPv6 forms are judged by the IPv4 address they
 * carry (see {@link Addresses#classify}). An operator may allow extra blocks (a loopback lab), but
 * the cloud metadata addresses are refused even then unless allowed as exact host routes.
 *
 * <p>The guard is applied twice: to every address a name resolves to (before connecting; one
 * refused address refuses the name, so a name cannot smuggle a private address next to a public
 * one), and to the address a socket is actually connected to (no DNS rebinding between check and
 * use).
 */
public final class TargetGuard {

  /** Why a target was refused, for problem+json and metrics. */
  public record Refusal(String target, String address, AddressClass kind, String reason) {}

  private final List<Cidr> allowed;

  public TargetGuard(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** The guard with no exceptions: public addresses only. */
  public static TargetGuard publicOnly() {
    return new TargetGuard(List.of());
  }

  public List<Cidr> allowed() {
    return allowed;
  }

  /** Empty if the service may connect to {@code address}; else why not. */
  public Optional<Refusal> check(String target, InetAddress address) {
    AddressClass kind = Addresses.classify(address);
    String text = Addresses.toText(address);
    if (kind == AddressClass.CLOUD_METADATA) {
      boolean exact =
          allowed.stream()
              .anyMatch(c -> c.contains(address) && c.prefix() == address.getAddress().length * 8);
      return exact
          ? Optional.empty()
          : Optional.of(
              new Refusal(
                  target,
                  text,
                  kind,
                  target
                      + " resolves to "
                      + text
                      + ", the cloud metadata service; the service never connects there."));
    }
    if (kind.isPublic() || allowed.stream().anyMatch(c -> c.contains(address))) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            target,
            text,
            kind,
            (target.equals(text) ? text + " is" : target + " resolves to " + text + ",")
                + " a "
                + kind.description()
                + " address; the service does not connect to non-public addresses"
                + " (an operator can allow blocks with --allow-cidr)."));
  }

  /**
   * Resolves a host name (or takes an IP literal) through the DNS port and checks every address.
   *
   * @return the addresses to connect to, or the refusal; a name with no addresses is an empty list
   */
  public Resolution resolve(String host, DnsClient dns) {
    Optional<InetAddress> literal = Addresses.parse(host);
    List<InetAddress> addresses = new ArrayList<>();
    List<DnsAnswer> failures = new ArrayList<>();
    if (literal.isPresent()) {
      addresses.add(literal.get());
    } else {
      for (int type : new int[] {Type.A, Type.AAAA}) {
        DnsAnswer a = dns.query(host, type);
        if (a.isFailure()) {
          failures.add(a);
        }
        addresses.addAll(a.addresses());
      }
    }
    for (InetAddress ip : addresses) {
      Optional<Refusal> r = check(host, ip);
      if (r.isPresent()) {
        return new Resolution(host, List.of(), r, failures);
      }
    }
    return new Resolution(host, List.copyOf(addresses), Optional.empty(), failures);
  }

  /** What resolving a target produced: allowed addresses, or a refusal, plus any DNS failures. */
  public record Resolution(
      String host,
      List<InetAddress> addresses,
      Optional<Refusal> refusal,
      List<DnsAnswer> dnsFailures) {
    public boolean refused() {
      return refusal.isPresent();
    }
  }
}
