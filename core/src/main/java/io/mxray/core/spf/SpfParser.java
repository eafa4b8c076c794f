package io.mxray.core.spf;

import com.google.common.net.InetAddresses;
import io.mxray.core.net.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SPF records by the ABNF of RFC 7208 §4.6.1, §5, §6 and §7.1. Pure: text in, {@link
 * SpfRecord} or {@link SpfSyntaxError} (with the character position and offending term) out. Never
 * throws.
 */
public final class SpfParser {

  /** Records longer than this are refused outright (a TXT answer can hold at most ~64 KiB). */
  public static final int MAX_RECORD = 65_535;

  private static final Pattern MODIFIER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Pattern DUAL_CIDR =
      Pattern.compile("^(.*?)(?:/([0-9]+))?(?://([0-9]+))?$", Pattern.DOTALL);
  private static final Pattern IP4 =
      Pattern.compile(
          "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern TOPLABEL =
      Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");
  private static final Pattern CIDR_LENGTH = Pattern.compile("0|[1-9][0-9]{0,2}");

  private SpfParser() {}

  /** A parsed record, or the first syntax error. */
  public record Parse(Optional<SpfRecord> record, Optional<SpfSyntaxError> error) {
    public boolean ok() {
      return record.isPresent();
    }

    static Parse error(int pos, String term, String message) {
      return new Parse(
          Optional.empty(), Optional.of(new SpfSyntaxError(pos, term, message, false)));
    }

    static Parse error(SpfSyntaxError e) {
      return new Parse(Optional.empty(), Optional.of(e));
    }
  }

  private static final class Failure extends Exception {
    final transient SpfSyntaxError error;

    Failure(SpfSyntaxError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    Failure(int pos, String term, String message) {
      this(new SpfSyntaxError(pos, term, message, false));
    }
  }

  public static Parse parse(String text) {
    if (text == null || !SpfRecord.isSpf(text)) {
      return Parse.error(0, "", "the record does not start with 'v=spf1'");
    }
    if (text.length() > MAX_RECORD) {
      return Parse.error(MAX_RECORD, "", "the record is longer than " + MAX_RECORD + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return Parse.error(
            i,
            termAt(text, i),
            "character "
                + SpfMacroString.describe(c)
                + " is not allowed in an SPF record (only printable ASCII and spaces)");
      }
    }
    List<SpfTerm> terms = new ArrayList<>();
    int i = 6;
    boolean redirect = false;
    boolean exp = false;
    while (i < text.length()) {
      if (text.charAt(i) == ' ') {
        i++;
        continue;
      }
      int end = text.indexOf(' ', i);
      if (end < 0) {
        end = text.length();
      }
      String token = text.substring(i, end);
      try {
        SpfTerm t = term(token, i);
        if (t instanceof SpfModifier m && (m.isRedirect() || m.isExp())) {
          boolean dup = m.isRedirect() ? redirect : exp;
          if (dup) {
            return Parse.error(
                i, token, "the '" + m.name() + "' modifier appears more than once (§6)");
          }
          redirect |= m.isRedirect();
          exp |= m.isExp();
        }
        terms.add(t);
      } catch (Failure f) {
        return Parse.error(f.error);
      }
      i = end;
    }
    return new Parse(Optional.of(new SpfRecord(text, terms)), Optional.empty());
  }

  private static String termAt(String text, int pos) {
    int start = text.lastIndexOf(' ', pos) + 1;
    int end = text.indexOf(' ', pos);
    String t = text.substring(start, end < 0 ? text.length() : end);
    return t.length() > 80 ? t.substring(0, 77) + "..." : t;
  }

  private static SpfTerm term(String token, int pos) throws Failure {
    int eq = token.indexOf('=');
    if (eq > 0 && MODIFIER_NAME.matcher(token.substring(0, eq)).matches()) {
      return modifier(token, pos, eq);
    }
    int start = 0;
    SpfQualifier q = SpfQualifier.of(token.charAt(0));
    if (q != null) {
      start = 1;
    } else {
      q = SpfQualifier.PASS;
    }
    int nameEnd = start;
    while (nameEnd < token.length()
        && token.charAt(nameEnd) != ':'
        && token.charAt(nameEnd) != '/') {
      nameEnd++;
    }
    String name = token.substring(start, nameEnd);
    SpfMechanism m = SpfMechanism.of(name);
    if (m == null) {
      throw new Failure(
          pos,
          token,
          name.isEmpty()
              ? "a qualifier without a mechanism"
              : "unknown mechanism '"
                  + name
                  + "' (expected all, include, a, mx, ptr, ip4, ip6 or exists)");
    }
    String rest = token.substring(nameEnd);
    int restPos = pos + nameEnd;
    Optional<SpfMacroString> domain = Optional.empty();
    Optional<Cidr> network = Optional.empty();
    int p4 = 32;
    int p6 = 128;
    switch (m) {
      case ALL -> {
        if (!rest.isEmpty()) {
          throw new Failure(restPos, token, "'all' takes no argument");
        }
      }
      case INCLUDE, EXISTS -> {
        if (!rest.startsWith(":") || rest.length() == 1) {
          throw new Failure(
              restPos, token, "'" + m.id() + "' needs a domain: " + m.id() + ":example.com");
        }
        domain = Optional.of(domainSpec(rest.substring(1), restPos + 1, token));
      }
      case PTR -> {
        if (!rest.isEmpty()) {
          if (!rest.startsWith(":") || rest.length() == 1) {
            throw new Failure(
                restPos, token, "'ptr' takes an optional ':domain' and no CIDR length");
          }
          domain = Optional.of(domainSpec(rest.substring(1), restPos + 1, token));
        }
      }
      case A, MX -> {
        String spec = "";
        String cidr = rest;
        if (rest.startsWith(":")) {
          Matcher mm = DUAL_CIDR.matcher(rest.substring(1));
          mm.matches();
          spec = mm.group(1);
          cidr = rest.substring(1 + spec.length());
          if (spec.isEmpty()) {
            throw new Failure(restPos, token, "'" + m.id() + ":' needs a domain after the colon");
          }
          domain = Optional.of(domainSpec(spec, restPos + 1, token));
        }
        Matcher cm = DUAL_CIDR.matcher(cidr);
        if (!cidr.isEmpty() && (!cm.matches() || !cm.group(1).isEmpty())) {
          throw new Failure(
              restPos,
              token,
              "'" + cidr + "' is not a CIDR length (expected /24, //64 or /24//64)");
        }
        if (!cidr.isEmpty()) {
          int cpos = restPos + (rest.length() - cidr.length());
          if (cm.group(2) != null) {
            p4 = cidrLength(cm.group(2), 32, cpos, token);
          }
          if (cm.group(3) != null) {
            p6 = cidrLength(cm.group(3), 128, cpos, token);
          }
        }
      }
      case IP4, IP6 -> network = Optional.of(network(m, rest, restPos, token));
      default -> throw new IllegalStateException(m.toString());
    }
    return new SpfDirective(q, m, domain, network, p4, p6, token, pos);
  }

  private static SpfModifier modifier(String token, int pos, int eq) throws Failure {
    String name = token.substring(0, eq).toLowerCase(Locale.ROOT);
    String value = token.substring(eq + 1);
    SpfMacroString v;
    if (name.equals("redirect") || name.equals("exp")) {
      if (value.isEmpty()) {
        throw new Failure(pos + eq, token, "'" + name + "=' needs a domain");
      }
      v = domainSpec(value, pos + eq + 1, token);
    } else {
      SpfMacroString.Result r = SpfMacroString.parse(value, pos + eq + 1, token, false);
      if (r.error().isPresent()) {
        throw new Failure(r.error().get());
      }
      v = r.value().orElseThrow();
    }
    return new SpfModifier(name, v, token, pos);
  }

  /**
   * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
   * (§7.1).
   */
  private static SpfMacroString domainSpec(String text, int pos, String term) throws Failure {
    SpfMacroString.Result r = SpfMacroString.parse(text, pos, term, false);
    if (r.error().isPresent()) {
      throw new Failure(r.error().get());
    }
    SpfMacroString s = r.value().orElseThrow();
    List<SpfMacroString.Part> parts = s.parts();
    if (parts.isEmpty()) {
      throw new Failure(pos, term, "a domain is required");
    }
    if (parts.get(parts.size() - 1) instanceof SpfMacroString.Literal lit) {
      String tail =
          lit.text().endsWith(".") ? lit.text().substring(0, lit.text().length() - 1) : lit.text();
      int dot = tail.lastIndexOf('.');
      String top = dot < 0 ? "" : tail.substring(dot + 1);
      if (dot < 0 || !TOPLABEL.matcher(top).matches()) {
        throw new Failure(
            pos + text.length() - 1,
            term,
            "'"
                + text
                + "' does not end in a valid top-level label"
                + " (a domain such as example.com, or a macro)");
      }
    }
    return s;
  }

  private static int cidrLength(String digits, int max, int pos, String term) throws Failure {
    if (!CIDR_LENGTH.matcher(digits).matches() || Integer.parseInt(digits) > max) {
      throw new Failure(
          pos, term, "CIDR length /" + digits + " is invalid (0-" + max + ", no leading zeros)");
    }
    return Integer.parseInt(digits);
  }

  private static Cidr network(SpfMechanism m, String rest, int pos, String term) throws Failure {
    if (!rest.startsWith(":")) {
      throw new Failure(
          pos,
          term,
          "'"
              + m.id()
              + "' needs an address: "
              + m.id()
              + (m == SpfMechanism.IP4 ? ":192.0.2.0/24" : ":2001:db8::/32"));
    }
    String v = rest.substring(1);
    int slash = v.indexOf('/');
    String addr = slash < 0 ? v : v.substring(0, slash);
    int max = m == SpfMechanism.IP4 ? 32 : 128;
    int prefix = max;
    if (slash >= 0) {
      prefix = cidrLength(v.substring(slash + 1), max, pos + 1 + slash, term);
    }
    InetAddress ip;
    if (m == SpfMechanism.IP4) {
      if (!IP4.matcher(addr).matches()) {
        throw new Failure(pos + 1, term, "'" + addr + "' is not an IPv4 address (dotted quad)");
      }
      ip = InetAddresses.forString(addr);
    } else {
      if (addr.indexOf(':') < 0 || !InetAddresses.isInetAddress(addr) || addr.indexOf('%') >= 0) {
        throw new Failure(pos + 1, term, "'" + addr + "' is not an IPv6 address");
      }
      ip = v6(InetAddresses.forString(addr));
    }
    return new Cidr(ip, prefix);
  }

  /** Keeps IPv4-mapped IPv6 networks as IPv6 (the JDK silently turns them into IPv4). */
  static InetAddress v6(InetAddress ip) {
    byte[] b = ip.getAddress();
    if (b.length == 16) {
      return ip;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(b, 0, mapped, 12, 4);
    try {
      return Inet6Address.getByAddress(null, mapped, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
