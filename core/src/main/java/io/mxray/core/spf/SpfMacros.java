package io.mxray.core.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Expands macro-strings (RFC 7208 §7.3, §7.4). Pure except for {@code %{p}}, which the caller
 * supplies.
 */
public final class SpfMacros {

  /** Upper bound on an expansion, so a hostile record cannot build huge strings. */
  public static final int MAX_EXPANSION = 8 * 1024;

  private static final String HEX = "0123456789ABCDEF";

  private SpfMacros() {}

  /**
   * The values macros expand to.
   *
   * @param sender the identity checked, {@code local@domain} (s)
   * @param domain the current domain (d)
   * @param ip the client address (i, c, v)
   * @param helo the HELO/EHLO name (h)
   * @param receiver the receiving host's name (r)
   * @param timestamp seconds since the epoch (t)
   * @param validatedName supplies the %{p} value (RFC 7208 §7.3; costs DNS lookups)
   */
  public record Context(
      String sender,
      String domain,
      InetAddress ip,
      String helo,
      String receiver,
      long timestamp,
      Supplier<String> validatedName) {

    public String localPart() {
      int at = sender.lastIndexOf('@');
      String l = at < 0 ? "" : sender.substring(0, at);
      return l.isEmpty() ? "postmaster" : l;
    }

    public String senderDomain() {
      int at = sender.lastIndexOf('@');
      return at < 0 ? sender : sender.substring(at + 1);
    }

    public Context withDomain(String d) {
      return new Context(sender, d, ip, helo, receiver, timestamp, validatedName);
    }
  }

  public static String expand(SpfMacroString s, Context ctx) {
    StringBuilder out = new StringBuilder();
    for (SpfMacroString.Part part : s.parts()) {
      if (part instanceof SpfMacroString.Literal l) {
        out.append(l.text());
      } else if (part instanceof SpfMacroString.Macro m) {
        out.append(expand(m, ctx));
      }
      if (out.length() > MAX_EXPANSION) {
        return out.substring(0, MAX_EXPANSION);
      }
    }
    return out.toString();
  }

  private static String expand(SpfMacroString.Macro m, SpfMacros.Context ctx) {
    String value =
        switch (m.letter()) {
          case 's' -> ctx.sender();
          case 'l' -> ctx.localPart();
          case 'o' -> ctx.senderDomain();
          case 'd' -> ctx.domain();
          case 'i' -> dottedIp(ctx.ip());
          case 'p' -> ctx.validatedName().get();
          case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
          case 'h' -> ctx.helo();
          case 'c' -> io.mxray.core.net.Addresses.toText(ctx.ip());
          case 'r' -> ctx.receiver();
          case 't' -> Long.toString(ctx.timestamp());
          default -> throw new IllegalStateException("macro letter " + m.letter());
        };
    String out = transform(value, m);
    return m.urlEscape() ? urlEscape(out) : out;
  }

  static String transform(String value, SpfMacroString.Macro m) {
    if (m.digits() == 0 && !m.reverse() && m.delimiters().equals(".")) {
      return value;
    }
    List<String> parts = split(value, m.delimiters());
    if (m.reverse()) {
      Collections.reverse(parts);
    }
    if (m.digits() > 0 && m.digits() < parts.size()) {
      parts = parts.subList(parts.size() - m.digits(), parts.size());
    }
    return String.join(".", parts);
  }

  private static List<String> split(String value, String delimiters) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (delimiters.indexOf(value.charAt(i)) >= 0) {
        parts.add(value.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(value.substring(start));
    return parts;
  }

  /**
   * IPv4 dotted quad, or IPv6 as 32 dot-separated nibbles (§7.3). Nibbles are upper-case hex, as
   * pyspf and the RFC 7208 test suite's explanation strings have them; DNS names ignore case, so
   * lookups are unaffected.
   */
  static String dottedIp(InetAddress ip) {
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress();
    }
    StringBuilder b = new StringBuilder(63);
    for (byte x : ip.getAddress()) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(HEX.charAt((x >> 4) & 0xf)).append('.').append(HEX.charAt(x & 0xf));
    }
    return b.toString();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters. */
  static String urlEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append(c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
