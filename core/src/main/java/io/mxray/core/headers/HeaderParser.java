package io.mxray.core.headers;

import io.mxray.core.message.EncodedWords;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import io.mxray.core.message.Message.ParseProblem;
import io.mxray.core.message.Message.ParseProblem.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant RFC 5322 §2.2 header-section parser for text people paste: any of CRLF, LF or CR line
 * ends, an mbox {@code From } line, lines without a colon, raw 8-bit octets and binary junk. Pure:
 * octets in, {@link Message} out; never throws for bad input, which becomes {@link ParseProblem}s
 * instead.
 *
 * <p>Everything is capped: the input ({@link #MAX_INPUT_BYTES}), the number of fields ({@link
 * #MAX_FIELDS}) and the length of one field ({@link #MAX_FIELD_CHARS}).
 */
public final class HeaderParser {

  /** Longest input analysed; the rest is dropped and the message marked truncated. */
  public static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;

  /** Most header fields kept (topmost first). */
  public static final int MAX_FIELDS = 5_000;

  /** Longest single field kept; longer ones are cut. */
  public static final int MAX_FIELD_CHARS = 64 * 1024;

  private static final int MAX_PROBLEMS = 50;

  private HeaderParser() {}

  public static Message parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Message parse(byte[] input) {
    return parse(input, input.length);
  }

  /**
   * Parses {@code input}; {@code totalBytes} is the size of the original input when the caller
   * already read only its first part (so the message can say it was truncated).
   */
  public static Message parse(byte[] input, long totalBytes) {
    boolean truncated = totalBytes > input.length || input.length > MAX_INPUT_BYTES;
    int len = Math.min(input.length, MAX_INPUT_BYTES);
    String octets = new String(input, 0, len, StandardCharsets.ISO_8859_1);
    List<ParseProblem> problems = new ArrayList<>();
    List<HeaderField> fields = new ArrayList<>();

    int pos = 0;
    int lineNo = 0;
    int n = octets.length();
    // Skip blank lines before the headers (pastes often start with one).
    while (pos < n) {
      int end = lineEnd(octets, pos);
      if (end > pos) {
        break;
      }
      pos = next(octets, end);
      lineNo++;
    }
    if (looksBinary(octets, pos)) {
      problems.add(new ParseProblem(Kind.BINARY, lineNo + 1, ""));
      return new Message(List.of(), "", false, totalBytes, truncated, problems);
    }
    StringBuilder raw = null;
    String name = null;
    boolean hasBody = false;
    boolean first = true;
    boolean fieldCapHit = false;
    while (pos < n) {
      int end = lineEnd(octets, pos);
      String line = octets.substring(pos, end);
      lineNo++;
      pos = next(octets, end);
      if (line.isEmpty()) {
        hasBody = true;
        break;
      }
      if (first && line.startsWith("From ")) {
        problems.add(new ParseProblem(Kind.MBOX_FROM_LINE, lineNo, clip(line)));
        first = false;
        continue;
      }
      first = false;
      char c0 = line.charAt(0);
      if (c0 == ' ' || c0 == '\t') {
        if (raw == null) {
          if (!line.isBlank()) {
            add(problems, new ParseProblem(Kind.LEADING_CONTINUATION, lineNo, clip(line)));
          }
          continue;
        }
        if (raw.length() < MAX_FIELD_CHARS) {
          raw.append("\r\n").append(line);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        add(problems, new ParseProblem(Kind.NO_COLON, lineNo, clip(line)));
        continue;
      }
      String candidate = line.substring(0, colon);
      String trimmed = candidate.stripTrailing(); // "Subject :" (obsolete syntax, RFC 5322 §4.5)
      if (!validName(trimmed)) {
        add(problems, new ParseProblem(Kind.BAD_FIELD_NAME, lineNo, clip(line)));
        continue;
      }
      if (raw != null) {
        fieldCapHit |= !flush(fields, name, raw, problems);
      }
      name = trimmed;
      raw = new StringBuilder(line.length() + 64).append(line);
    }
    if (raw != null) {
      fieldCapHit |= !flush(fields, name, raw, problems);
    }
    if (fieldCapHit) {
      problems.add(new ParseProblem(Kind.TOO_MANY_FIELDS, 0, String.valueOf(MAX_FIELDS)));
    }
    String body = hasBody ? normalizeBody(octets.substring(Math.min(pos, n))) : "";
    return new Message(fields, body, hasBody, totalBytes, truncated, problems);
  }

  private static boolean flush(
      List<HeaderField> fields, String name, StringBuilder rawText, List<ParseProblem> problems) {
    if (fields.size() >= MAX_FIELDS) {
      return false;
    }
    String raw = rawText.toString();
    if (raw.length() > MAX_FIELD_CHARS) {
      raw = raw.substring(0, MAX_FIELD_CHARS);
      add(problems, new ParseProblem(Kind.FIELD_TOO_LONG, 0, name));
    }
    int colon = raw.indexOf(':');
    String value = unfold(raw.substring(colon + 1)).strip();
    String text = EncodedWords.octetsToText(value);
    if (value.chars().anyMatch(c -> c >= 0x80)) {
      add(problems, new ParseProblem(Kind.RAW_8BIT, 0, name));
    }
    String decoded = EncodedWords.decode(text);
    if (EncodedWords.hasUndecodedWords(decoded)) {
      add(problems, new ParseProblem(Kind.INVALID_ENCODED_WORD, 0, name));
    }
    fields.add(new HeaderField(name, raw, value, decoded));
    return true;
  }

  /** Removes CRLF before folding white space (RFC 5322 §2.2.3). */
  public static String unfold(String s) {
    if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return s.replace("\r\n", "").replace("\n", "").replace("\r", "");
  }

  static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 200) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksBinary(String s, int from) {
    int end = Math.min(s.length(), from + 4096);
    if (end <= from) {
      return false;
    }
    int bad = 0;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == 0 || (c < 32 && c != '\r' && c != '\n' && c != '\t')) {
        bad++;
      }
    }
    return bad * 20 > (end - from); // more than 5% control characters: not a message
  }

  private static int lineEnd(String s, int pos) {
    int n = s.length();
    int i = pos;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        return i;
      }
      i++;
    }
    return n;
  }

  private static int next(String s, int end) {
    if (end >= s.length()) {
      return s.length();
    }
    if (s.charAt(end) == '\r' && end + 1 < s.length() && s.charAt(end + 1) == '\n') {
      return end + 2;
    }
    return end + 1;
  }

  /** Body with every line ending turned into CRLF, as it travelled over SMTP. */
  static String normalizeBody(String body) {
    if (body.isEmpty()) {
      return body;
    }
    StringBuilder b = new StringBuilder(body.length() + body.length() / 40);
    int pos = 0;
    int n = body.length();
    while (pos < n) {
      int end = lineEnd(body, pos);
      b.append(body, pos, end);
      if (end < n) {
        b.append("\r\n");
      }
      pos = next(body, end);
    }
    return b.toString();
  }

  private static void add(List<ParseProblem> problems, ParseProblem p) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }

  private static String clip(String s) {
    String t = EncodedWords.octetsToText(s.length() > 120 ? s.substring(0, 120) + "…" : s);
    return t;
  }
}
