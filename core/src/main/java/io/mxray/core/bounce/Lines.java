package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits untrusted text into lines with a budget, before any pattern looks at it: at most {@link
 * #MAX_LINES} lines, each cut at {@link #MAX_LINE} characters (RFC 5322 §2.1.1 allows 998 octets;
 * folded and decoded lines can be longer, so some slack). One pass, linear in the text.
 */
final class Lines {

  static final int MAX_LINES = 20_000;
  static final int MAX_LINE = 4_000;

  private Lines() {}

  static String[] split(String text) {
    return split(text, MAX_LINES).toArray(new String[0]);
  }

  static List<String> split(String text, int maxLines) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i <= n && out.size() < maxLines) {
      int j = text.indexOf('\n', i);
      int end = j < 0 ? n : j;
      int e = end > i && text.charAt(end - 1) == '\r' ? end - 1 : end;
      out.add(e - i > MAX_LINE ? text.substring(i, i + MAX_LINE) : text.substring(i, e));
      if (j < 0) {
        break;
      }
      i = j + 1;
    }
    return out;
  }

  /** Collapses runs of white space to one space and trims; cuts at {@code max} characters. */
  static String oneLine(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), max));
    boolean space = false;
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.length() > max ? b.substring(0, max) : b.toString();
  }
}
