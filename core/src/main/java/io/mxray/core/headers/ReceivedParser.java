package io.mxray.core.headers;

import io.mxray.core.headers.FromClause.Sender;
import io.mxray.core.headers.ReceivedLexer.Kind;
import io.mxray.core.headers.ReceivedLexer.Token;
import io.mxray.core.message.MailDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Received header value (RFC 5321 §4.4: {@code from ... by ... via ... with ... id ... for
 * ... ; date-time}).
 *
 * <ol>
 *   <li>Budget first: the value is cut to {@link #MAX_VALUE} characters before anything else runs;
 *       every later step is a single pass or a bounded regular expression over that text.
 *   <li>The date is what follows the last {@code ;} outside comments, quotes and angle brackets
 *       (RFC 5321); without one, a trailing date (SendGrid) is looked for in the last 200
 *       characters. Courier's {@code ; date id X} is understood; obsolete years follow RFC 5322
 *       §4.3.
 *   <li>The rest is split into clauses at top-level keywords, the tolerant way Microsoft's Message
 *       Header Analyzer displays them: keywords case-insensitive, comments stay with the clause
 *       before them, a repeated clause is joined with "; ", {@code (qmail N invoked from network)}
 *       is shown as {@code by}.
 *   <li>The from clause is read by {@link FromClause} (client claim vs TCP-info), the with clause
 *       and the comments by {@link Transport} (protocol, TLS, authentication); by-host, queue id
 *       and recipient are the first word of their clauses.
 * </ol>
 *
 * Pure; never throws; linear in the size of the (capped) input.
 */
public final class ReceivedParser {

  /** Longest value analysed; the rest is ignored. Real Received values stay under 1,000. */
  public static final int MAX_VALUE = 8192;

  /** A trailing date without ';' is looked for only this far from the end. */
  private static final int TRAILING_DATE_WINDOW = 200;

  private static final Set<String> KEYWORDS = Set.of("from", "by", "via", "with", "id", "for");
  private static final Set<String> QMAIL_PROTOCOLS =
      Set.of("SMTP", "QMQP", "ESMTPA", "ESMTPS", "ESMTPSA", "SMTPS");

  private ReceivedParser() {}

  public static Received parse(String value) {
    String v = normalize(value);
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
      if (date.isEmpty()) {
        date = datePrefix(dateText);
      }
    } else {
      int at = trailingDate(v);
      if (at >= 0) {
        clauses = v.substring(0, at).strip();
        dateText = v.substring(at).strip();
        date = MailDate.parse(dateText, true);
      }
    }
    List<Token> tokens = ReceivedLexer.lex(clauses);
    Map<String, List<String>> parts = split(clauses, tokens);
    String from = joined(parts, "from");
    String by = joined(parts, "by");
    if (parts.isEmpty()
        && clauses.startsWith("(")
        && clauses.endsWith(")")
        && clauses.toLowerCase(Locale.ROOT).startsWith("(qmail")) {
      by = clauses.substring(1, clauses.length() - 1).strip();
    }
    String with = joined(parts, "with");
    String id = joined(parts, "id");
    String firstWith = first(parts, "with");
    String firstBy = first(parts, "by");

    List<String> segments = new ArrayList<>();
    segments.add(firstWith);
    for (Token t : tokens) {
      if (t.kind() == Kind.COMMENT) {
        segments.add(t.inner(clauses));
      }
    }
    Transport transport = Transport.of(firstWith, segments);
    boolean exim = firstBy.contains("Exim") || firstWith.contains("Exim");
    boolean qmailShape =
        id.isEmpty()
            && trailingId.isEmpty()
            && QMAIL_PROTOCOLS.contains(transport.protocol())
            && !firstWith.regionMatches(true, 0, "Microsoft", 0, 9);
    boolean local = transport.protocol().startsWith("LOCAL");
    Sender sender =
        FromClause.read(first(parts, "from"), new FromClause.Context(exim, qmailShape, local));
    String queueId = firstWord(first(parts, "id"), true);
    return new Received(
        from,
        by,
        joined(parts, "via"),
        with,
        id.isEmpty() ? trailingId : id,
        joined(parts, "for"),
        dateText,
        date,
        sender.helo(),
        sender.rdns(),
        sender.ip(),
        host(firstBy),
        transport.protocol(),
        transport.tls(),
        transport.version(),
        transport.cipher(),
        v,
        queueId.isEmpty() ? firstWord(trailingId, true) : queueId,
        firstWord(first(parts, "for"), true),
        sender.port(),
        sender.ident(),
        sender.rdnsForged(),
        sender.ipSource(),
        sender.authenticated() || transport.authenticated(),
        transport.bits(),
        sender.rdnsSlot(),
        FromClause.byAddress(firstBy));
  }

  /** Caps the value, then turns every run of white space into one space. */
  private static String normalize(String value) {
    String v = value == null ? "" : value;
    if (v.length() > MAX_VALUE) {
      v = v.substring(0, MAX_VALUE);
    }
    StringBuilder b = new StringBuilder(v.length());
    boolean space = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = true;
      } else {
        if (space && b.length() > 0) {
          b.append(' ');
        }
        space = false;
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Position of the last ';' outside comments, quotes and angle brackets, or -1. */
  private static int lastTopLevelSemicolon(String s) {
    java.util.BitSet unclosed = ReceivedLexer.unmatchedOpenings(s, 0, s.length());
    int depth = 0;
    int angle = 0;
    int last = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' && !unclosed.get(i)) {
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

  /**
   * A date followed by something else ("Mon, 23 Nov 2026 10:00:01 +0100 for <x>"): the longest
   * leading run of words that reads as a date, dropping at most eight trailing words.
   */
  private static Optional<Instant> datePrefix(String text) {
    String t =
        text.length() > TRAILING_DATE_WINDOW ? text.substring(0, TRAILING_DATE_WINDOW) : text;
    for (int tries = 0; tries < 8; tries++) {
      int sp = t.lastIndexOf(' ');
      if (sp <= 0) {
        break;
      }
      t = t.substring(0, sp).strip();
      Optional<Instant> d = MailDate.parse(t, true);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Where a trailing date without ';' starts (SendGrid, broken headers), or -1. */
  private static int trailingDate(String s) {
    for (int pos = Math.max(0, s.length() - TRAILING_DATE_WINDOW); pos < s.length(); pos++) {
      if (pos == 0 || s.charAt(pos - 1) == ' ') {
        char c = s.charAt(pos);
        if (Character.isLetterOrDigit(c) && MailDate.parse(s.substring(pos), true).isPresent()) {
          return pos;
        }
      }
    }
    return -1;
  }

  /**
   * Splits clause text at top-level keywords (a keyword right after a keyword is a value). Returns
   * each clause's texts in order of appearance.
   */
  static Map<String, List<String>> split(String s, List<Token> tokens) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String current = null;
    int valueStart = -1;
    int valueEnd = -1;
    for (Token t : tokens) {
      String word = t.kind() == Kind.WORD ? t.text(s).toLowerCase(Locale.ROOT) : "";
      if (KEYWORDS.contains(word) && (current == null || valueStart >= 0)) {
        put(out, current, s, valueStart, valueEnd);
        current = word;
        valueStart = -1;
        valueEnd = -1;
      } else if (current != null) {
        if (valueStart < 0) {
          valueStart = t.start();
        }
        valueEnd = t.end();
      }
    }
    put(out, current, s, valueStart, valueEnd);
    return out;
  }

  private static void put(Map<String, List<String>> out, String key, String s, int start, int end) {
    if (key == null || start < 0) {
      return;
    }
    out.computeIfAbsent(key, k -> new ArrayList<>()).add(s.substring(start, end).strip());
  }

  private static String joined(Map<String, List<String>> parts, String key) {
    List<String> l = parts.get(key);
    return l == null ? "" : String.join("; ", l);
  }

  private static String first(Map<String, List<String>> parts, String key) {
    List<String> l = parts.get(key);
    return l == null ? "" : l.get(0);
  }

  /** The receiving host: the by clause's first word or literal. */
  private static String host(String by) {
    List<Token> toks = ReceivedLexer.lex(by);
    if (toks.isEmpty()) {
      return "";
    }
    Token t = toks.get(0);
    if (t.kind() == Kind.LITERAL) {
      String in = t.inner(by).strip();
      return in.regionMatches(true, 0, "IPv6:", 0, 5) ? in.substring(5) : in;
    }
    if (t.kind() != Kind.WORD) {
      return "";
    }
    String w = t.text(by);
    while (!w.isEmpty() && (w.endsWith(".") || w.endsWith(",") || w.endsWith(";"))) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** The first word of a clause, or the inside of its first angle address. */
  private static String firstWord(String clause, boolean angles) {
    List<Token> toks = ReceivedLexer.lex(clause);
    if (toks.isEmpty()) {
      return "";
    }
    Token t = toks.get(0);
    String w =
        switch (t.kind()) {
          case WORD -> t.text(clause);
          case ANGLE -> angles ? t.inner(clause) : t.text(clause);
          case QUOTED -> t.inner(clause);
          default -> "";
        };
    while (!w.isEmpty() && (w.endsWith(",") || w.endsWith(";"))) {
      w = w.substring(0, w.length() - 1);
    }
    return w.strip();
  }
}
