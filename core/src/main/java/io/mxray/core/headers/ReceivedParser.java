package io.mxray.core.headers;

import io.mxray.core.headers.Received.Tls;
import io.mxray.core.message.MailDate;
import io.mxray.core.net.Addresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Received header value into clauses (RFC 5321 §4.4 {@code from}, {@code by}, {@code via},
 * {@code with}, {@code id}, {@code for}, then {@code ; date}) the tolerant way real headers need:
 * keywords case-insensitive, comments kept with the clause before them, dates without the {@code ;}
 * (SendGrid), qmail's {@code (qmail N invoked from network)}. Then derives HELO name, reverse DNS,
 * IP and TLS from the formats of Postfix, Exim, Sendmail, qmail, Exchange/Office 365, Gmail and
 * others. Pure; never throws.
 */
public final class ReceivedParser {

  private static final Set<String> KEYWORDS = Set.of("from", "by", "via", "with", "id", "for");
  private static final Set<String> TLS_PROTOCOLS =
      Set.of("ESMTPS", "ESMTPSA", "UTF8SMTPS", "UTF8SMTPSA", "LMTPS", "LMTPSA", "HTTPS", "SMTPS");
  private static final Pattern TLS_VERSION =
      Pattern.compile("(?i)\\b(?:version=)?(TLS|SSL)[ _]?v?(1(?:[._]?[0-3])?|3(?:\\.0)?)\\b");
  private static final Pattern CIPHER =
      Pattern.compile("(?i)(?:cipher[= ]|with cipher |\\btls )([A-Z0-9][A-Z0-9_-]{6,})");
  private static final Pattern BRACKET_IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]+)\\]");
  private static final Pattern HELO = Pattern.compile("(?i)\\b(?:helo|ehlo)[= ]\\s*([^\\s)\\]]+)");
  private static final Pattern WSP = Pattern.compile("\\s+");
  private static final Pattern PROTOCOL_END = Pattern.compile("[\\s(]");
  private static final Pattern ZONE_ID = Pattern.compile("%[0-9A-Za-z]+\\]");
  private static final Pattern PARENS = Pattern.compile("[()]");
  private static final Pattern PUNCT = Pattern.compile("[\\[\\],;]");
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_VALUE = 8192;

  private ReceivedParser() {}

  public static Received parse(String value) {
    String v = value == null ? "" : value;
    if (v.length() > MAX_VALUE) {
      v = v.substring(0, MAX_VALUE);
    }
    v = WSP.matcher(v).replaceAll(" ").strip();
    String clauses = v;
    String dateText = "";
    String trailingId = "";
    Optional<Instant> date = Optional.empty();
    int semi = lastTopLevelSemicolon(v);
    if (semi >= 0) {
      clauses = v.substring(0, semi).strip();
      dateText = v.substring(semi + 1).strip();
      date = MailDate.parse(dateText, false);
      int idAt = dateText.indexOf(" id ");
      if (date.isEmpty() && idAt > 0) {
        // Courier writes "; <date> id <queue-id>"
        trailingId = dateText.substring(idAt + 4).strip();
        dateText = dateText.substring(0, idAt).strip();
        date = MailDate.parse(dateText, false);
      }
    } else {
      int at = trailingDate(v);
      if (at >= 0) {
        clauses = v.substring(0, at).strip();
        dateText = v.substring(at).strip();
        date = MailDate.parse(dateText, true);
      }
    }
    Map<String, String> parts = split(clauses);
    String from = parts.getOrDefault("from", "");
    String by = parts.getOrDefault("by", "");
    if (parts.isEmpty()
        && clauses.startsWith("(")
        && clauses.endsWith(")")
        && clauses.toLowerCase(Locale.ROOT).startsWith("(qmail")) {
      by = clauses.substring(1, clauses.length() - 1).strip();
    }
    String with = parts.getOrDefault("with", "");
    String[] fromParts = fromParts(from);
    String protocol =
        with.isEmpty()
            ? ""
            : with.regionMatches(true, 0, "Microsoft SMTP", 0, 14)
                ? "SMTP"
                : PROTOCOL_END.split(with, 2)[0].toUpperCase(Locale.ROOT);
    String tlsVersion = "";
    Matcher tv = TLS_VERSION.matcher(with + " " + v);
    if (tv.find()) {
      tlsVersion = normalizeTls(tv.group(1), tv.group(2));
    }
    String cipher = "";
    Matcher cm = CIPHER.matcher(v);
    if (cm.find()) {
      cipher = cm.group(1);
    }
    Tls tls;
    if (TLS_PROTOCOLS.contains(protocol) || !tlsVersion.isEmpty() || !cipher.isEmpty()) {
      tls = Tls.YES;
    } else if (protocol.isEmpty()) {
      tls = Tls.UNKNOWN;
    } else {
      tls = Tls.NO;
    }
    String byHost = firstWord(by);
    String id = parts.getOrDefault("id", trailingId);
    return new Received(
        from,
        by,
        parts.getOrDefault("via", ""),
        with,
        id,
        parts.getOrDefault("for", ""),
        dateText,
        date,
        fromParts[0],
        fromParts[1],
        fromParts[2],
        byHost,
        protocol,
        tls,
        tlsVersion,
        cipher,
        v);
  }

  private static String normalizeTls(String family, String version) {
    String ver = version.replace('_', '.');
    if (ver.length() == 2 && ver.charAt(0) == '1') {
      ver = "1." + ver.charAt(1);
    }
    if (ver.equals("1")) {
      ver = "1.0";
    }
    return family.toUpperCase(Locale.ROOT) + ver;
  }

  /** Position of the last ';' outside comments, quotes and angle brackets, or -1. */
  private static int lastTopLevelSemicolon(String s) {
    int depth = 0;
    int angle = 0;
    int last = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (c == '<' && depth == 0) {
        angle++;
      } else if (c == '>' && angle > 0 && depth == 0) {
        angle--;
      } else if (c == ';' && depth == 0 && angle == 0) {
        last = i;
      }
    }
    return last;
  }

  /** Where a trailing date without ';' starts (SendGrid, broken headers), or -1. */
  private static int trailingDate(String s) {
    int pos = 0;
    while (pos < s.length()) {
      if (pos == 0 || s.charAt(pos - 1) == ' ') {
        char c = s.charAt(pos);
        if (Character.isLetterOrDigit(c) && MailDate.parse(s.substring(pos), true).isPresent()) {
          return pos;
        }
      }
      pos++;
    }
    return -1;
  }

  /** Splits clause text at top-level keywords; repeated clauses are joined with "; ". */
  static Map<String, String> split(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    List<int[]> words = new ArrayList<>(); // start, end of each top-level word
    int depth = 0;
    int angle = 0;
    int bracket = 0;
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ' ';
      boolean top = depth == 0 && angle == 0 && bracket == 0;
      if (c == ' ' && top) {
        if (start >= 0) {
          words.add(new int[] {start, i});
          start = -1;
        }
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (c == '<' && depth == 0) {
        angle++;
      } else if (c == '>' && angle > 0 && depth == 0) {
        angle--;
      } else if (c == '[' && depth == 0) {
        bracket++;
      } else if (c == ']' && bracket > 0 && depth == 0) {
        bracket--;
      }
    }
    String current = null;
    int valueStart = -1;
    int valueEnd = -1;
    for (int[] w : words) {
      String word = s.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
      if (KEYWORDS.contains(word) && (current == null || valueStart >= 0)) {
        put(out, current, s, valueStart, valueEnd);
        current = word;
        valueStart = -1;
        valueEnd = -1;
      } else if (current != null) {
        if (valueStart < 0) {
          valueStart = w[0];
        }
        valueEnd = w[1];
      }
    }
    put(out, current, s, valueStart, valueEnd);
    return out;
  }

  private static void put(Map<String, String> out, String key, String s, int start, int end) {
    if (key == null || start < 0) {
      return;
    }
    String value = s.substring(start, end).strip();
    out.merge(key, value, (a, b) -> a + "; " + b);
  }

  /** helo, rdns, ip from a from clause. */
  static String[] fromParts(String from) {
    if (from.isEmpty()) {
      return new String[] {"", "", ""};
    }
    String first = firstWord(from);
    String rest = from.substring(Math.min(from.length(), from.indexOf(first) + first.length()));
    String helo = first;
    String rdns = "";
    String ip = "";
    Matcher bm = BRACKET_IP.matcher(ZONE_ID.matcher(from).replaceAll("]"));
    if (bm.find() && Addresses.parse(bm.group(1)).isPresent()) {
      ip = Addresses.toText(Addresses.parse(bm.group(1)).get());
    }
    // Words inside the comments after the HELO name.
    String inner = PARENS.matcher(rest).replaceAll(" ").strip();
    List<String> innerWords =
        new ArrayList<>(List.of(inner.isEmpty() ? new String[0] : WSP.split(inner)));
    if (ip.isEmpty()) {
      for (String w : innerWords) {
        String cand = PUNCT.matcher(w).replaceAll("");
        if (cand.toLowerCase(Locale.ROOT).startsWith("ipv6:")) {
          cand = cand.substring(5);
        }
        Optional<java.net.InetAddress> a = Addresses.parse(stripZone(cand));
        if (a.isPresent()) {
          ip = Addresses.toText(a.get());
          break;
        }
      }
    }
    Optional<java.net.InetAddress> firstIp = Addresses.parse(stripZone(first));
    if (firstIp.isPresent()) {
      // "from [192.0.2.1] (helo=...)" (Exim) or "from 192.0.2.1 (EHLO name)" (Yahoo): an address,
      // not a name
      helo = "";
      if (ip.isEmpty()) {
        ip = Addresses.toText(firstIp.get());
      }
    } else if (helo.startsWith("[")) {
      helo = "";
    }
    Matcher hm = HELO.matcher(rest);
    if (hm.find()) {
      String h = hm.group(1);
      if (!first.startsWith("[") && !first.equalsIgnoreCase("unknown") && firstIp.isEmpty()) {
        rdns = stripDot(first); // Exim: "rdns ([ip] helo=name)"; qmail: "rdns (HELO name)"
      }
      helo = h;
    } else if (!innerWords.isEmpty()) {
      String w = innerWords.get(0);
      if (!w.startsWith("[")
          && w.contains(".")
          && Addresses.parse(w).isEmpty()
          && !w.equalsIgnoreCase("unknown")
          && HOSTNAME.matcher(w).matches()) {
        rdns = stripDot(w); // Postfix/Sendmail/Gmail: "helo (rdns [ip])"
      }
    }
    if (helo.equalsIgnoreCase("unknown")) {
      helo = "";
    }
    return new String[] {helo, rdns, ip};
  }

  /** "fe80::1%12" to "fe80::1" (Exchange writes link-local addresses with their zone). */
  private static String stripZone(String s) {
    String t = s.replace("[", "").replace("]", "");
    int pct = t.indexOf('%');
    return pct > 0 ? t.substring(0, pct) : t;
  }

  private static String stripDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String firstWord(String clause) {
    String s = clause.strip();
    int end = 0;
    while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '(') {
      end++;
    }
    return s.substring(0, end);
  }
}
