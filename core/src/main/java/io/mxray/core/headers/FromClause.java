package io.mxray.core.headers;

import io.mxray.core.headers.Received.IpSource;
import io.mxray.core.headers.ReceivedLexer.Kind;
import io.mxray.core.headers.ReceivedLexer.Token;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code from} clause of a Received header: who connected (the TCP-info the receiving
 * server recorded) and what the client claimed (its HELO/EHLO name).
 *
 * <p>The base grammar is RFC 5321 §4.4: {@code From-domain = "FROM" FWS Extended-Domain}, where
 * {@code Extended-Domain = Domain / (Domain FWS "(" TCP-info ")") / (address-literal FWS "("
 * TCP-info ")")} and {@code TCP-info = address-literal / (Domain FWS address-literal)}: the first
 * word is the client's claim, the comment holds the connecting address, optionally after the
 * reverse-DNS name. So in {@code from [192.168.1.24] (host.example [198.51.100.7])} the client
 * claimed a private literal and connected from 198.51.100.7. The variants of the common MTAs differ
 * in where they put the claim and the address, and this class recognises them by their shape, not
 * by product name:
 *
 * <ul>
 *   <li>Postfix, Sendmail, Gmail, Courier, Zimbra, OpenSMTPD: {@code from HELO (rDNS [IP])}, with
 *       {@code unknown} for a missing rDNS, Sendmail's {@code (may be forged)} and ident {@code
 *       user@rDNS}; IIS, Domino, MDaemon, CommuniGate: {@code from HELO ([IP])}, also {@code [IP]
 *       unverified} or {@code RDNS failed}.
 *   <li>A HELO keyword inside the comment moves the claim there and makes the first word the
 *       verified name or the address: Exim {@code from rDNS ([IP]:port helo=NAME)} and {@code from
 *       [IP] (port=N helo=NAME)}, qmail/qpsmtpd {@code from rDNS (HELO NAME) (ident@IP)}, Yahoo
 *       {@code from IP (EHLO NAME)}, CommuniGate {@code from [IP] (account u HELO NAME)}.
 *   <li>A bare address in the comment: Exchange/Office 365 {@code from HELO (IP)} (IPv4, IPv6,
 *       {@code %zone}); qmail {@code from rDNS (IP)}, where a missing HELO part means the HELO
 *       equalled the rDNS name.
 *   <li>No TCP-info: {@code from IP by ...} (webmail over HTTP), {@code from [IP] by ...} (Exim
 *       without reverse DNS, old Yahoo), {@code from NAME by ...} (MDaemon, Gmail internal).
 * </ul>
 *
 * Addresses may carry a port ({@code [203.0.113.5]:4321}, {@code 192.0.2.1:25}, Exim 3's {@code
 * [192.0.2.1.4321]}), the {@code IPv6:} tag (RFC 5321 §4.1.3), a zone id ({@code %12}) or be
 * IPv4-mapped ({@code ::ffff:192.0.2.1}, read as the IPv4 address). Pure; never throws.
 */
final class FromClause {

  /** The sending side of one hop. */
  record Sender(
      String helo,
      String rdns,
      String ip,
      IpSource ipSource,
      int port,
      String ident,
      boolean rdnsForged,
      boolean authenticated,
      boolean rdnsSlot) {
    static final Sender NONE = new Sender("", "", "", IpSource.NONE, 0, "", false, false, false);
  }

  /** What the rest of the header says that changes how the from clause reads. */
  record Context(boolean exim, boolean qmailShape, boolean localSubmission) {}

  private FromClause() {}

  /** Mutable collector for the facts found in the clause's comments. */
  private static final class Facts {
    String helo;
    String ip = "";
    boolean ipBare;
    int port;
    String rdns = "";
    String ident = "";
    boolean forged;
    boolean authenticated;
    boolean nameSlot;
    String singleWordComment = "";
  }

  static Sender read(String text, Context ctx) {
    if (text.isEmpty()) {
      return Sender.NONE;
    }
    List<Token> toks = ReceivedLexer.lex(text);
    if (toks.isEmpty()) {
      return Sender.NONE;
    }
    Token firstTok = toks.get(0);
    boolean hasFirst = firstTok.kind() == Kind.WORD || firstTok.kind() == Kind.LITERAL;
    String first = hasFirst ? firstTok.text(text) : "";
    Facts f = new Facts();
    String topLiteralIp = "";
    int topLiteralPort = 0;
    int proseWords = 0;
    int commentsBeforeLiteral = 0;
    for (int i = hasFirst ? 1 : 0; i < toks.size(); i++) {
      Token t = toks.get(i);
      switch (t.kind()) {
        case COMMENT -> {
          comment(text, t, f, 0);
          if (topLiteralIp.isEmpty()) {
            commentsBeforeLiteral++;
          }
        }
        case LITERAL -> {
          Ip a = literal(t.inner(text), t.literalSuffix(text));
          if (a != null && topLiteralIp.isEmpty()) {
            topLiteralIp = a.text;
            topLiteralPort = a.port;
          }
        }
        case WORD -> {
          String w = t.text(text);
          // Obtuse smtpd: "from rdns(ip), claiming to be "helo" via SMTP"
          if (w.equalsIgnoreCase("claiming")
              && i + 3 < toks.size()
              && toks.get(i + 3).kind() == Kind.QUOTED) {
            f.helo = toks.get(i + 3).inner(text);
            i += 3;
          } else if (!w.equals(",")) {
            proseWords++;
          }
        }
        default -> {}
      }
    }

    Ip firstIp = hasFirst ? firstAddress(firstTok, text) : null;
    String firstName = hasFirst && firstIp == null ? hostName(first) : "";
    String helo;
    String rdns = "";
    String ip;
    IpSource source;
    int port;
    if (f.helo != null) {
      // The claim is in the comment; the first word is the verified name or the address.
      helo = f.helo;
      rdns = firstName;
      if (!f.ip.isEmpty()) {
        ip = f.ip;
        port = f.port;
        source = IpSource.TCP_INFO;
      } else if (!topLiteralIp.isEmpty()) {
        ip = topLiteralIp;
        port = topLiteralPort;
        source = IpSource.TCP_INFO;
      } else if (firstIp != null) {
        ip = firstIp.text;
        port = firstIp.port != 0 ? firstIp.port : f.port; // Exim: "[IP] (port=N helo=x)"
        source = IpSource.TCP_INFO; // Exim/Yahoo: the first word is the connecting address
      } else {
        ip = "";
        port = 0;
        source = IpSource.NONE;
      }
    } else if (!f.ip.isEmpty() || !topLiteralIp.isEmpty()) {
      // RFC 5321: from-domain (the claim) then TCP-info.
      boolean inComment = !f.ip.isEmpty();
      ip = inComment ? f.ip : topLiteralIp;
      port = inComment ? f.port : topLiteralPort;
      source = IpSource.TCP_INFO;
      helo = claim(first, hasFirst);
      rdns = f.rdns;
      if (!inComment && commentsBeforeLiteral == 1 && !f.singleWordComment.isEmpty()) {
        // Exim 3: "from rDNS (HELO) [IP.port] (ident)"
        rdns = firstName;
        helo = f.singleWordComment;
      } else if (!firstName.isEmpty()
          && f.rdns.isEmpty()
          && (ctx.exim() || (f.ipBare && ctx.qmailShape()))) {
        // Exim writes "from rDNS ([IP])" and omits helo= when it equals the name; qmail writes
        // "from rDNS (IP)" and omits "(HELO x)" when it equals the name.
        rdns = firstName;
        helo = firstName;
      }
    } else if (firstIp != null) {
      ip = firstIp.text;
      port = firstIp.port;
      source = IpSource.FROM_DOMAIN;
      helo = "";
    } else {
      ip = "";
      port = 0;
      source = IpSource.NONE;
      // "from mail pickup service by ...", "from 1234 named unknown by ...": prose, not a name
      // A local submission ("from alice by host with local") names a user, not a host.
      helo =
          ctx.localSubmission() || (proseWords > 0 && toks.size() == proseWords + 1)
              ? ""
              : claim(first, hasFirst);
    }
    boolean slot =
        f.nameSlot || !rdns.isEmpty() || (f.helo != null && first.equalsIgnoreCase("unknown"));
    return new Sender(
        clean(helo), rdns, ip, source, port, f.ident, f.forged, f.authenticated, slot);
  }

  /** The from-domain as the client's claim: "" for "unknown", an ident or an empty clause. */
  private static String claim(String first, boolean hasFirst) {
    if (!hasFirst || first.equalsIgnoreCase("unknown") || first.indexOf('@') >= 0) {
      return "";
    }
    return first;
  }

  private static String clean(String helo) {
    String h = helo.strip();
    if (h.endsWith(",") || h.endsWith(";")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equalsIgnoreCase("unknown") ? "" : h;
  }

  /** Reads one comment of the from clause into {@code f}. Nested comments are read too. */
  private static void comment(String s, Token c, Facts f, int depth) {
    String inner = c.inner(s);
    List<Token> toks = ReceivedLexer.lex(inner);
    int words = 0;
    for (int j = 0; j < toks.size(); j++) {
      Token t = toks.get(j);
      switch (t.kind()) {
        case COMMENT -> {
          if (depth < 2) {
            comment(inner, t, f, depth + 1);
          }
        }
        case LITERAL -> {
          Ip a = literal(t.inner(inner), t.literalSuffix(inner));
          if (a != null && f.ip.isEmpty()) {
            f.ip = a.text;
            f.port = a.port;
            if (j > 0 && toks.get(j - 1).kind() == Kind.WORD) {
              nameBefore(toks.get(j - 1).text(inner), f);
            }
          }
        }
        case WORD -> {
          words++;
          j = word(inner, toks, j, f);
        }
        default -> {}
      }
    }
    if (words == 1
        && toks.size() == 1
        && f.ip.isEmpty()
        && !hostName(toks.get(0).text(inner)).isEmpty()) {
      f.singleWordComment = toks.get(0).text(inner);
    }
  }

  /** One word of a comment; returns the index of the last token consumed. */
  private static int word(String s, List<Token> toks, int j, Facts f) {
    String w = toks.get(j).text(s);
    String lower = w.toLowerCase(Locale.ROOT);
    if (lower.startsWith("helo=") || lower.startsWith("ehlo=")) {
      String v = w.substring(5);
      if (v.isEmpty() && j + 1 < toks.size() && toks.get(j + 1).kind() == Kind.LITERAL) {
        f.helo = toks.get(j + 1).text(s);
        return j + 1;
      }
      f.helo = v;
      return j;
    }
    if (lower.equals("helo") || lower.equals("ehlo") || lower.equals("lhlo")) {
      Token next = j + 1 < toks.size() ? toks.get(j + 1) : null;
      if (next != null && (next.kind() == Kind.WORD || next.kind() == Kind.LITERAL)) {
        f.helo = next.text(s);
        return j + 1;
      }
      f.helo = ""; // qmail writes "(HELO )" for an empty HELO
      return j;
    }
    if (lower.startsWith("port=")) {
      f.port = port(w.substring(5));
      return j;
    }
    if (lower.startsWith("ident=")) {
      f.ident = w.substring(6);
      return j;
    }
    if (lower.equals("forged") && j >= 2) {
      f.forged = true; // Sendmail: "(may be forged)"
      return j;
    }
    if (lower.contains("authenticated") || lower.equals("auth:") || lower.equals("account")) {
      f.authenticated = true; // Sendmail, Postfix "Authenticated sender:", Courier, CommuniGate
      return j;
    }
    if ((lower.equals("with") && j + 1 < toks.size()) && f.ipBare) {
      f.authenticated = true; // Yahoo/qmail: "(user@192.0.2.1 with login)"
      return j + 1;
    }
    if (f.ip.isEmpty() && (j == 0 || (j == 1 && nameOrUnknown(toks.get(0).text(s))))) {
      Ip a = bare(w, f);
      if (a != null) {
        f.ip = a.text;
        f.port = a.port;
        f.ipBare = true;
        if (j == 1) {
          nameBefore(toks.get(0).text(s), f);
        }
      }
    }
    return j;
  }

  private static boolean nameOrUnknown(String w) {
    return w.equalsIgnoreCase("unknown") || !hostName(w).isEmpty();
  }

  /**
   * The receiving host's own address in a by clause's first comment: {@code HOST (10.0.0.6)},
   * {@code HOST ([::1])}, {@code localhost (host [127.0.0.1])}; "" when none.
   */
  static String byAddress(String by) {
    List<Token> toks = ReceivedLexer.lex(by);
    if (toks.size() < 2 || toks.get(1).kind() != Kind.COMMENT) {
      return "";
    }
    Facts f = new Facts();
    comment(by, toks.get(1), f, 1);
    return f.ip;
  }

  /** The word right before the connecting address: the reverse-DNS name, maybe with an ident. */
  private static void nameBefore(String w, Facts f) {
    f.nameSlot = true;
    String name = w;
    if (name.regionMatches(true, 0, "IDENT:", 0, 6)) {
      name = name.substring(6);
    }
    int at = name.lastIndexOf('@');
    if (at >= 0) {
      f.ident = name.substring(0, at);
      name = name.substring(at + 1);
    }
    f.rdns = hostName(name);
  }

  /**
   * A reverse-DNS name as written: a host name with a dot (or localhost), trailing dot removed; ""
   * for the placeholders MTAs write when there is none.
   */
  static String hostName(String w) {
    String n = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
    if (n.isEmpty() || n.length() > 253) {
      return "";
    }
    String lower = n.toLowerCase(Locale.ROOT);
    if (lower.equals("unknown")
        || lower.equals("unverified")
        || lower.equals("softdnserr")
        || lower.equals("may")) {
      return "";
    }
    if (!lower.equals("localhost") && n.indexOf('.') < 0) {
      return "";
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return "";
      }
    }
    return Addresses.parse(n).isPresent() ? "" : n;
  }

  /** An address and the port written with it. */
  private record Ip(String text, int port) {}

  /** The from-domain when it is an address: "[192.0.2.1]", "[192.0.2.1]:25", "192.0.2.1". */
  private static Ip firstAddress(Token t, String s) {
    if (t.kind() == Kind.LITERAL) {
      return literal(t.inner(s), t.literalSuffix(s));
    }
    return address(t.text(s));
  }

  /** An address literal's inside plus what followed the bracket. */
  private static Ip literal(String inner, String suffix) {
    String v = inner.strip();
    if (v.regionMatches(true, 0, "IPv6:", 0, 5)) {
      v = v.substring(5);
    }
    Ip a = address(v);
    if (a == null) {
      // Exim 3 wrote the port after a dot: "[192.0.2.1.4321]"
      int dot = v.lastIndexOf('.');
      if (dot > 0 && countDots(v) == 4) {
        Ip b = address(v.substring(0, dot));
        if (b != null) {
          return new Ip(b.text, port(v.substring(dot + 1)));
        }
      }
      return null;
    }
    int port = suffix.startsWith(":") ? port(suffix.substring(1)) : a.port;
    return new Ip(a.text, port);
  }

  /**
   * A bare address in a comment: "192.0.2.1", "2001:db8::1", "fe80::1%12", "192.0.2.1:4321",
   * "user@192.0.2.1" (qmail ident), "192.0.2.1," (smap).
   */
  private static Ip bare(String w, Facts f) {
    String v = w;
    int at = v.lastIndexOf('@');
    String ident = "";
    if (at >= 0) {
      ident = v.substring(0, at);
      v = v.substring(at + 1);
    }
    Ip a = address(v);
    if (a != null && !ident.isEmpty()) {
      f.ident = ident;
    }
    return a;
  }

  /** Parses an address, stripping a zone id, a trailing comma and an IPv4 ":port". */
  private static Ip address(String w) {
    String v = w.strip();
    while (!v.isEmpty() && (v.endsWith(",") || v.endsWith(";") || v.endsWith("."))) {
      v = v.substring(0, v.length() - 1);
    }
    if (v.isEmpty() || v.length() > 64) {
      return null;
    }
    int port = 0;
    int pct = v.indexOf('%');
    if (pct > 0) {
      v = v.substring(0, pct);
    }
    int colon = v.indexOf(':');
    if (colon > 0 && colon == v.lastIndexOf(':') && v.indexOf('.') > 0) {
      port = port(v.substring(colon + 1)); // "192.0.2.1:4321"
      v = v.substring(0, colon);
    }
    Optional<InetAddress> a = Addresses.parse(v);
    return a.isPresent() ? new Ip(Addresses.toText(a.get()), port) : null;
  }

  private static int countDots(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.') {
        n++;
      }
    }
    return n;
  }

  private static int port(String p) {
    if (p.isEmpty() || p.length() > 5) {
      return 0;
    }
    for (int i = 0; i < p.length(); i++) {
      if (!Character.isDigit(p.charAt(i))) {
        return 0;
      }
    }
    int v = Integer.parseInt(p);
    return v <= 65535 ? v : 0;
  }
}
