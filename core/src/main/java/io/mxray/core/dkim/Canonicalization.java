package io.mxray.core.dkim;

/**
 * DKIM canonicalization (RFC 6376 §3.4), shared with ARC (RFC 8617 §5.1). Works on octets mapped
 * 1:1 to chars (ISO-8859-1) so that 8-bit data is hashed exactly as it travelled.
 */
public final class Canonicalization {

  private Canonicalization() {}

  /**
   * One header field, canonicalized, without the trailing CRLF. Simple (§3.4.1) leaves the field as
   * it is; relaxed (§3.4.2) lower-cases the name, unfolds, compresses white space and trims the
   * value.
   */
  public static String header(String rawField, boolean relaxed) {
    if (!relaxed) {
      return rawField;
    }
    int colon = rawField.indexOf(':');
    String name = rawField.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
    String value =
        rawField.substring(colon + 1).replace("\r\n", "").replace("\n", "").replace("\r", "");
    StringBuilder b =
        new StringBuilder(name.length() + value.length() + 1).append(name).append(':');
    boolean space = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t') {
        space = true;
      } else {
        if (space && started) {
          b.append(' ');
        }
        b.append(c);
        space = false;
        started = true;
      }
    }
    return b.toString();
  }

  /**
   * The body, canonicalized (§3.4.3 simple, §3.4.4 relaxed). {@code body} has CRLF line ends; a
   * final line without one counts as a line.
   */
  public static String body(String body, boolean relaxed) {
    StringBuilder b = new StringBuilder(body.length() + 2);
    int pos = 0;
    int n = body.length();
    while (pos < n) {
      int end = body.indexOf("\r\n", pos);
      boolean last = end < 0;
      if (last) {
        end = n;
      }
      String line = body.substring(pos, end);
      if (relaxed) {
        appendRelaxedLine(b, line);
      } else {
        b.append(line);
      }
      b.append("\r\n");
      pos = last ? n : end + 2;
    }
    // Remove trailing empty lines.
    int len = b.length();
    while (len >= 4
        && b.charAt(len - 1) == '\n'
        && b.charAt(len - 2) == '\r'
        && b.charAt(len - 3) == '\n'
        && b.charAt(len - 4) == '\r') {
      len -= 2;
    }
    b.setLength(len);
    if (len == 2 && b.charAt(0) == '\r') {
      b.setLength(0); // the body was only empty lines
    }
    if (b.length() == 0) {
      return relaxed ? "" : "\r\n";
    }
    return b.toString();
  }

  private static void appendRelaxedLine(StringBuilder b, String line) {
    boolean space = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        space = true;
      } else {
        if (space) {
          b.append(' ');
        }
        b.append(c);
        space = false;
      }
    }
    // trailing white space dropped
  }
}
