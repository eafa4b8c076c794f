package io.mxray.core.net;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Classifies IP addresses by the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890,
 * RFC 8190). IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 addresses are classified
 * by the IPv4 address they carry, so {@code ::ffff:127.0.0.1} is loopback.
 */
public final class Addresses {

  private record Block(Cidr cidr, AddressClass kind) {}

  private static final List<Block> V4 =
      List.of(
          block("0.0.0.0/8", AddressClass.UNSPECIFIED),
          block("10.0.0.0/8", AddressClass.PRIVATE),
          block("100.64.0.0/10", AddressClass.CGNAT),
          block("127.0.0.0/8", AddressClass.LOOPBACK),
          block("169.254.169.254/32", AddressClass.CLOUD_METADATA),
          block("169.254.0.0/16", AddressClass.LINK_LOCAL),
          block("172.16.0.0/12", AddressClass.PRIVATE),
          block("192.0.0.0/24", AddressClass.RESERVED),
          block("192.0.2.0/24", AddressClass.DOCUMENTATION),
          block("192.88.99.0/24", AddressClass.RESERVED),
          block("192.168.0.0/16", AddressClass.PRIVATE),
          block("198.18.0.0/15", AddressClass.BENCHMARK),
          block("198.51.100.0/24", AddressClass.DOCUMENTATION),
          block("203.0.113.0/24", AddressClass.DOCUMENTATION),
          block("224.0.0.0/4", AddressClass.MULTICAST),
          block("240.0.0.0/4", AddressClass.RESERVED));

  private static final List<Block> V6 =
      List.of(
          block("::/128", AddressClass.UNSPECIFIED),
          block("::1/128", AddressClass.LOOPBACK),
          block("fd00:ec2::254/128", AddressClass.CLOUD_METADATA),
          block("100::/64", AddressClass.RESERVED),
          block("2001:db8::/32", AddressClass.DOCUMENTATION),
          block("3fff::/20", AddressClass.DOCUMENTATION),
          block("2001::/23", AddressClass.RESERVED),
          block("fc00::/7", AddressClass.PRIVATE),
          block("fe80::/10", AddressClass.LINK_LOCAL),
          block("fec0::/10", AddressClass.RESERVED),
          block("ff00::/8", AddressClass.MULTICAST));

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private Addresses() {}

  private static Block block(String cidr, AddressClass kind) {
    return new Block(Cidr.parse(cidr), kind);
  }

  public static AddressClass classify(InetAddress address) {
    Optional<Inet4Address> embedded = embeddedV4(address);
    if (embedded.isPresent()) {
      return classify(embedded.get());
    }
    List<Block> table = address instanceof Inet4Address ? V4 : V6;
    for (Block b : table) {
      if (b.cidr().contains(address)) {
        return b.kind();
      }
    }
    return AddressClass.PUBLIC;
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
  public static Optional<Inet4Address> embeddedV4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= b[i] == 0;
    }
    boolean mapped = zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compat =
        zero80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    if (mapped || compat || NAT64.contains(address)) {
      return Optional.of(v4(b[12], b[13], b[14], b[15]));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return Optional.of(v4(b[2], b[3], b[4], b[5]));
    }
    return Optional.empty();
  }

  private static Inet4Address v4(byte a, byte b, byte c, byte d) {
    return (Inet4Address)
        InetAddresses.fromIPv4BigInteger(
            java.math.BigInteger.valueOf(
                ((a & 0xffL) << 24) | ((b & 0xffL) << 16) | ((c & 0xffL) << 8) | (d & 0xffL)));
  }

  /** Parses a textual IP address without any DNS lookup; empty if it is not one. */
  public static Optional<InetAddress> parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    return InetAddresses.isInetAddress(s)
        ? Optional.of(InetAddresses.forString(s))
        : Optional.empty();
  }

  /** Canonical text form (RFC 5952 for IPv6). */
  public static String toText(InetAddress address) {
    return InetAddresses.toAddrString(address);
  }

  /** The reverse-lookup name: {@code 1.2.0.192.in-addr.arpa} or the ip6.arpa nibble form. */
  public static String reverseName(InetAddress address) {
    byte[] b = address.getAddress();
    StringBuilder s = new StringBuilder();
    if (b.length == 4) {
      for (int i = 3; i >= 0; i--) {
        s.append(b[i] & 0xff).append('.');
      }
      return s.append("in-addr.arpa").toString();
    }
    for (int i = 15; i >= 0; i--) {
      s.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
      s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
    }
    return s.append("ip6.arpa").toString();
  }
}
