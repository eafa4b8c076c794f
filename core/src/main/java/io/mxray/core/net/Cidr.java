package io.mxray.core.net;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Objects;

/** An address block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. */
public record Cidr(InetAddress network, int prefix) {

  public Cidr {
    Objects.requireNonNull(network, "network");
    int max = network.getAddress().length * 8;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix length " + prefix + " is out of range 0-" + max);
    }
  }

  /** Parses {@code ADDRESS[/PREFIX]}; a bare address is a host route. */
  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (!InetAddresses.isInetAddress(addr)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an address block (expected e.g. 192.0.2.0/24)");
    }
    InetAddress a = InetAddresses.forString(addr);
    int max = a.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
    }
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + max);
    }
    return new Cidr(a, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] net = network.getAddress();
    byte[] a = address.getAddress();
    if (net.length != a.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != a[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (a[full] & mask);
  }

  @Override
  public String toString() {
    return InetAddresses.toAddrString(network) + "/" + prefix;
  }
}
