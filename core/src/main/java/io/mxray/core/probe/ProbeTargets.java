package io.mxray.core.probe;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dns.DomainName;
import io.mxray.core.finding.Finding;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import io.mxray.core.mx.PtrCheck;
import io.mxray.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * Turns what the user typed into ports to probe: an IP is probed as is; a name with MX records
 * stands for its mail exchangers (up to {@link #MAX_HOSTS}); any other name for itself. Every
 * address of a host is probed, IPv4 and IPv6 (up to {@link #MAX_ADDRESSES} per host, IPv4 first),
 * each reported on its own: a dual-stack server's IPv6 side is often configured differently. PTR
 * names are looked up for the banner comparison. DNS failures become INCONCLUSIVE findings.
 */
public final class ProbeTargets {

  public static final int MAX_HOSTS = 4;

  /** Most addresses probed per host. */
  public static final int MAX_ADDRESSES = 4;

  /** The targets, plus findings about resolving them. */
  public record Resolution(List<ProbeTarget> targets, List<Finding> findings) {}

  private ProbeTargets() {}

  public static Resolution resolve(DnsClient dns, String query, List<PortSpec> ports) {
    List<Finding> findings = new ArrayList<>();
    List<ProbeTarget> targets = new ArrayList<>();
    Optional<InetAddress> ip = Addresses.parse(query.strip());
    if (ip.isPresent()) {
      List<String> ptr = reverse(dns, ip.get());
      add(targets, Addresses.toText(ip.get()), ip.get(), ports, ptr);
      return new Resolution(targets, findings);
    }
    String name = DomainName.parse(query).ascii();
    MxSet mx = MxSet.resolve(dns, name);
    if (!mx.hosts().isEmpty()) {
      for (MxHost h : mx.hosts().subList(0, Math.min(MAX_HOSTS, mx.hosts().size()))) {
        List<InetAddress> all = all(h.a(), h.aaaa());
        for (InetAddress a : all) {
          add(targets, h.host(), a, ports, reverse(dns, a));
        }
        if (all.isEmpty() && h.lookupFailed()) {
          findings.add(
              DnsCodes.failure(
                  h.a().isFailure() ? h.a() : h.aaaa(), "the addresses of MX " + h.host()));
        }
      }
      return new Resolution(targets, findings);
    }
    if (mx.answer().isFailure()) {
      findings.add(DnsCodes.failure(mx.answer(), "the MX records of " + name));
    }
    DnsAnswer a = dns.query(name, Type.A);
    DnsAnswer aaaa = dns.query(name, Type.AAAA);
    List<InetAddress> all = all(a, aaaa);
    for (InetAddress addr : all) {
      add(targets, name, addr, ports, reverse(dns, addr));
    }
    if (all.isEmpty() && (a.isFailure() || aaaa.isFailure())) {
      findings.add(DnsCodes.failure(a.isFailure() ? a : aaaa, "the addresses of " + name));
    }
    return new Resolution(targets, findings);
  }

  /** IPv4 then IPv6 addresses, each once, at most {@link #MAX_ADDRESSES}. */
  static List<InetAddress> all(DnsAnswer a, DnsAnswer aaaa) {
    java.util.Set<InetAddress> out = new java.util.LinkedHashSet<>();
    a.addresses().stream().filter(x -> x instanceof Inet4Address).forEach(out::add);
    aaaa.addresses().stream().filter(x -> !(x instanceof Inet4Address)).forEach(out::add);
    return out.stream().limit(MAX_ADDRESSES).toList();
  }

  private static List<String> reverse(DnsClient dns, InetAddress ip) {
    return PtrCheck.verify(dns, ip).names();
  }

  private static void add(
      List<ProbeTarget> out, String name, InetAddress ip, List<PortSpec> ports, List<String> ptr) {
    for (PortSpec p : ports) {
      out.add(new ProbeTarget(name, ip, p.port(), p.service(), ptr));
    }
  }
}
