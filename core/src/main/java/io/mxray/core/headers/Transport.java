package io.mxray.core.headers;

import io.mxray.core.headers.Received.Tls;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a hop was transmitted: the {@code with} protocol (RFC 5321 §4.4, the IANA "Mail Transmission
 * Types" registry with RFC 3848's {@code S} = TLS and {@code A} = authenticated suffixes and RFC
 * 6531's {@code UTF8} prefix) and the TLS details MTAs write in comments: Sendmail and Gmail {@code
 * (version=TLS1_3 cipher=... bits=256/256)}, Postfix {@code (using TLSv1.3 with cipher ... (256/256
 * bits))}, Exchange {@code (version=TLS1_2, cipher=...)}, Exim {@code (TLS1.3) tls CIPHER} and
 * {@code (TLS1.2:CIPHER:256)}, OpenSMTPD {@code (TLSv1.3:CIPHER:256:NO)}, Courier {@code (TLS:
 * TLSv1.3,256bits,CIPHER)}, qmail's TLS patch {@code (CIPHER encrypted) SMTP}. Each pattern has one
 * bounded repetition and runs over text already capped by {@link ReceivedParser}.
 *
 * @param protocol the first word of the with clause, upper-case ("ESMTPS"; "SMTP" for Microsoft's
 *     "Microsoft SMTP Server")
 * @param registered whether {@code protocol} is in the IANA registry
 * @param tls whether the hop was encrypted, as far as the header tells
 * @param version "TLS1.3", "TLS1.2", "SSL3.0", ... or ""
 * @param cipher the cipher suite as written, or ""
 * @param bits the symmetric key size when written, else 0
 * @param authenticated the protocol says the client authenticated (RFC 3848 {@code A})
 */
record Transport(
    String protocol,
    boolean registered,
    Tls tls,
    String version,
    String cipher,
    int bits,
    boolean authenticated) {

  /** IANA "Mail Transmission Types" (RFC 5321, RFC 3848, RFC 6531). */
  static final Set<String> REGISTERED =
      Set.of(
          "SMTP",
          "ESMTP",
          "ESMTPA",
          "ESMTPS",
          "ESMTPSA",
          "LMTP",
          "LMTPA",
          "LMTPS",
          "LMTPSA",
          "MMS",
          "UTF8SMTP",
          "UTF8SMTPA",
          "UTF8SMTPS",
          "UTF8SMTPSA",
          "UTF8LMTP",
          "UTF8LMTPA",
          "UTF8LMTPS",
          "UTF8LMTPSA");

  private static final Pattern VERSION =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9.\\-])(TLS|SSL)[ _]?v?(1(?:[._][0-3])?|3(?:\\.0)?)(?![A-Za-z0-9\\-]|\\.[A-Za-z0-9])");
  private static final List<Pattern> CIPHERS =
      List.of(
          Pattern.compile("(?i)\\bcipher[=:] ?([A-Za-z0-9_-]{4,80})"),
          Pattern.compile("(?i)\\bwith cipher ([A-Za-z0-9_-]{4,80})"),
          Pattern.compile("(?i)(?:^| )tls ([A-Za-z0-9_-]{6,80})"),
          Pattern.compile("(?i)\\b(?:TLS|SSL)v?[0-9._]{1,4}:([A-Za-z0-9_-]{4,80})"),
          Pattern.compile("(?i)\\d{2,4}bits, ?([A-Za-z0-9_-]{4,80})"),
          Pattern.compile("(?i)([A-Za-z0-9_-]{4,80}) encrypted\\b"));
  private static final List<Pattern> BITS =
      List.of(
          Pattern.compile("(?i)\\bbits=(\\d{2,4})"),
          Pattern.compile("(?i)\\((\\d{2,4})/\\d{2,4} bits\\)"),
          Pattern.compile("(?i)(\\d{2,4})bits"),
          Pattern.compile("(?i)[A-Za-z0-9_-]{4,80}:(\\d{2,4})(?::|$)"));
  private static final Pattern TRANSPORT_SECURITY =
      Pattern.compile("(?i)\\b(?:Google Transport Security|encrypted SMTP)\\b");

  /**
   * Reads the transport facts.
   *
   * @param with the with clause as written (comments included)
   * @param segments the with clause and every top-level comment of the header, in order
   */
  static Transport of(String with, List<String> segments) {
    String word = protocol(with);
    String protocol = word;
    String version = "";
    String cipher = "";
    boolean slashTls = false;
    int slash = word.indexOf('/');
    if (slash > 0) {
      // Cisco Secure Email (IronPort): "with ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384"
      protocol = word.substring(0, slash);
      String rest = word.substring(slash + 1);
      if (rest.startsWith("TLS")) {
        slashTls = true;
        int second = rest.indexOf('/');
        if (second > 0 && second + 1 < rest.length()) {
          cipher = wordAsWritten(with, rest.substring(second + 1));
        }
      }
    }
    int bits = 0;
    boolean marker = false;
    for (String seg : segments) {
      if (!mentionsTls(seg)) {
        continue; // most comments ("(Postfix)", TCP-info) hold nothing for the patterns below
      }
      String v = "";
      Matcher vm = VERSION.matcher(seg);
      if (vm.find()) {
        v = normalize(vm.group(1), vm.group(2));
      }
      String c = "";
      for (Pattern p : CIPHERS) {
        Matcher cm = p.matcher(seg);
        if (cm.find() && !cm.group(1).toUpperCase(Locale.ROOT).startsWith("TLSV")) {
          c = cm.group(1);
          break;
        }
      }
      if (!v.isEmpty() || !c.isEmpty()) {
        if (version.isEmpty()) {
          version = v;
        }
        if (cipher.isEmpty()) {
          cipher = c;
        }
        if (bits == 0) {
          bits = bits(seg);
        }
      }
      marker |= seg.strip().equalsIgnoreCase("TLS") || TRANSPORT_SECURITY.matcher(seg).find();
    }
    String p = protocol;
    boolean tlsByName = tlsProtocol(p);
    Tls tls;
    if (tlsByName || slashTls || !version.isEmpty() || !cipher.isEmpty() || marker) {
      tls = Tls.YES;
    } else if (p.isEmpty()) {
      tls = Tls.UNKNOWN;
    } else {
      tls = Tls.NO;
    }
    return new Transport(
        p, REGISTERED.contains(p), tls, version, cipher, bits, authenticatedProtocol(p));
  }

  private static final List<String> TLS_WORDS =
      List.of("tls", "ssl", "cipher", "encrypted", "bits", "transport security");

  /** A cheap filter before the patterns: does the text mention TLS at all? */
  private static boolean mentionsTls(String seg) {
    String lower = seg.toLowerCase(Locale.ROOT);
    for (String w : TLS_WORDS) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The spelling of {@code upper} as the with clause wrote it (the protocol word is upper-cased).
   */
  private static String wordAsWritten(String with, String upper) {
    int at = with.toUpperCase(Locale.ROOT).indexOf(upper);
    return at >= 0 ? with.substring(at, at + upper.length()) : upper;
  }

  /** The protocol word: the first atom of the with clause that is not a comment. */
  static String protocol(String with) {
    if (with.isEmpty()) {
      return "";
    }
    if (with.regionMatches(true, 0, "Microsoft SMTP", 0, 14)) {
      return "SMTP"; // Exchange: "with Microsoft SMTP Server (...)", IIS "Microsoft
      // SMTPSVC(6.0...)"
    }
    for (ReceivedLexer.Token t : ReceivedLexer.lex(with)) {
      if (t.kind() == ReceivedLexer.Kind.WORD) {
        String w = t.text(with);
        while (!w.isEmpty() && (w.endsWith(";") || w.endsWith(","))) {
          w = w.substring(0, w.length() - 1);
        }
        return (w.length() > 40 ? w.substring(0, 40) : w).toUpperCase(Locale.ROOT);
      }
      if (t.kind() == ReceivedLexer.Kind.LITERAL) {
        return ""; // XMail: "with [XMail 1.20 ESMTP Server]"
      }
    }
    return "";
  }

  /** RFC 3848: ESMTPS, ESMTPSA, LMTPS, UTF8SMTPS, ...; also SMTPS, HTTPS and "ESMTP-TLS". */
  static boolean tlsProtocol(String p) {
    String core = p.startsWith("UTF8") ? p.substring(4) : p;
    return core.equals("ESMTPS")
        || core.equals("ESMTPSA")
        || core.equals("LMTPS")
        || core.equals("LMTPSA")
        || core.equals("SMTPS")
        || core.equals("SMTPSA")
        || core.equals("HTTPS")
        || core.endsWith("-TLS")
        || core.endsWith("/TLS");
  }

  /** RFC 3848's A suffix (ESMTPA, ESMTPSA, LMTPA, UTF8SMTPSA, ...) and Exim's older ASMTP. */
  static boolean authenticatedProtocol(String p) {
    String core = p.startsWith("UTF8") ? p.substring(4) : p;
    return core.equals("ESMTPA")
        || core.equals("ESMTPSA")
        || core.equals("LMTPA")
        || core.equals("LMTPSA")
        || core.equals("SMTPSA")
        || core.equals("ASMTP");
  }

  private static int bits(String seg) {
    if (seg.indexOf("bits") < 0 && seg.indexOf("BITS") < 0 && seg.indexOf(':') < 0) {
      return 0;
    }
    for (Pattern p : BITS) {
      Matcher m = p.matcher(seg);
      while (m.find()) {
        int b = Integer.parseInt(m.group(1));
        if (b >= 40) {
          return b; // "bits=0" is SASL's security layer, not TLS
        }
      }
    }
    return 0;
  }

  private static String normalize(String family, String version) {
    String ver = version.replace('_', '.');
    if (ver.equals("1")) {
      ver = "1.0";
    } else if (ver.equals("3")) {
      ver = "3.0";
    }
    return family.toUpperCase(Locale.ROOT) + ver;
  }
}
