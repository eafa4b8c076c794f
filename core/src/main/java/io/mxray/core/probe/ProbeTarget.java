package io.mxray.core.probe;

import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One port to probe.
 *
 * @param name the name the server is known by (the MX name; certificates and banners are matched
 *     against it), or the address text when probed by IP
 * @param address the address to connect to
 * @param port the TCP port
 * @param service what is expected to answer there
 * @param reverseNames the address's PTR names, also acceptable in the SMTP banner
 */
public record ProbeTarget(
    String name, InetAddress address, int port, Service service, List<String> reverseNames) {

  public ProbeTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(service, "service");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    reverseNames = List.copyOf(reverseNames);
  }

  public static ProbeTarget of(String name, InetAddress address, Service service) {
    return new ProbeTarget(name, address, service.defaultPort(), service, List.of());
  }

  public ProbeTarget withPort(int p) {
    return new ProbeTarget(name, address, p, service, reverseNames);
  }

  public ProbeTarget withReverseNames(List<String> names) {
    return new ProbeTarget(name, address, port, service, names);
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** True when the target was given as an IP address (no name to match certificates against). */
  public boolean byAddress() {
    return Addresses.parse(name).isPresent();
  }

  /** "mx1.example.com:25" or "[2001:db8::1]:25": the subject of this port's findings. */
  public String label() {
    String host = name.contains(":") ? "[" + name + "]" : name;
    return host + ":" + port;
  }
}
