package io.mxray.core.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines, multi-line replies joined.
 *
 * @param code the reply code, e.g. 250
 * @param lines the text after the code on each line
 */
public record SmtpReply(int code, List<String> lines) {

  /** Most lines accepted in one reply. */
  static final int MAX_LINES = 100;

  public SmtpReply {
    lines = List.copyOf(lines);
  }

  public boolean positive() {
    return code >= 200 && code < 400;
  }

  public String text() {
    return lines.isEmpty() ? "" : lines.get(0);
  }

  /** Reads a complete reply; anything that is not reply syntax is garbage. */
  static SmtpReply read(Session s) throws ProbeFailure {
    return read(s, -1, () -> {});
  }

  /**
   * Reads a complete reply that must be complete by {@code endNanos} (-1: each line within the step
   * timeout); {@code firstLine} runs when the first line has arrived (a greeting's teaser).
   */
  static SmtpReply read(Session s, long endNanos, Runnable firstLine) throws ProbeFailure {
    List<String> lines = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = endNanos < 0 ? s.readLine() : s.readLine(endNanos);
      if (lines.isEmpty()) {
        firstLine.run();
      }
      if (line.length() < 3
          || !Character.isDigit(line.charAt(0))
          || !Character.isDigit(line.charAt(1))
          || !Character.isDigit(line.charAt(2))
          || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
        throw new ProbeFailure(
            ProbeFailure.Kind.GARBAGE, "not an SMTP reply line: " + abbreviate(line));
      }
      int c = Integer.parseInt(line.substring(0, 3));
      if (code >= 0 && c != code) {
        throw new ProbeFailure(
            ProbeFailure.Kind.GARBAGE, "reply code changed within a multi-line reply");
      }
      code = c;
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return new SmtpReply(code, lines);
      }
      if (lines.size() >= MAX_LINES) {
        throw new ProbeFailure(
            ProbeFailure.Kind.OVERSIZE, "more than " + MAX_LINES + " lines in one reply");
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
