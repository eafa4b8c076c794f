package io.mxray.core.feedback;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of report bytes that may not be what they claim: lenient UTF-8, BOMs, declared charsets.
 */
final class Text {

  private static final Charset CP1252 = Charset.forName("windows-1252");

  private Text() {}

  /** Decoded text and whether bytes that are not UTF-8 had to be read as Windows-1252. */
  record Decoded(String text, boolean invalidUtf8) {}

  /**
   * Valid UTF-8 sequences decode as UTF-8; every byte that does not start or continue a valid
   * sequence is read as Windows-1252 (what mis-encoded reports usually are). A UTF-8 BOM is
   * dropped; UTF-16 with a BOM is decoded as such.
   */
  static Decoded decode(byte[] b) {
    int start = 0;
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), false);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), false);
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      start = 3;
    }
    StringBuilder sb = new StringBuilder(b.length - start);
    boolean invalid = false;
    int i = start;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      }
      int n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? (c <= 0xef ? 2 : -1) : c >= 0xc2 ? 1 : -1;
      if (n > 0 && valid(b, i, n)) {
        sb.append(new String(b, i, n + 1, StandardCharsets.UTF_8));
        i += n + 1;
      } else {
        invalid = true;
        sb.append(new String(b, i, 1, CP1252));
        i++;
      }
    }
    return new Decoded(sb.toString(), invalid);
  }

  private static boolean valid(byte[] b, int i, int n) {
    if (i + n >= b.length) {
      return false;
    }
    for (int k = 1; k <= n; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return false;
      }
    }
    int c0 = b[i] & 0xff;
    int c1 = b[i + 1] & 0xff;
    // Overlong forms and surrogates (RFC 3629 §4).
    if (c0 == 0xe0 && c1 < 0xa0) {
      return false;
    }
    if (c0 == 0xed && c1 > 0x9f) {
      return false;
    }
    if (c0 == 0xf0 && c1 < 0x90) {
      return false;
    }
    return !(c0 == 0xf4 && c1 > 0x8f);
  }

  /** The encoding an XML declaration names, "" when none (only the first 200 bytes are read). */
  static String declaredXmlEncoding(byte[] b) {
    String head = new String(b, 0, Math.min(200, b.length), StandardCharsets.ISO_8859_1);
    if (!head.startsWith("<?xml") && !head.startsWith("\ufeff<?xml")) {
      int q = head.indexOf("<?xml");
      if (q < 0 || !head.substring(0, q).isBlank()) {
        return "";
      }
    }
    int end = head.indexOf("?>");
    String decl = end > 0 ? head.substring(0, end) : head;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
            .matcher(decl);
    return m.find() ? m.group(1) : "";
  }

  /** The text with control characters other than tab and line ends replaced, and cut to max. */
  static String clean(String s, int max) {
    String t = s.length() > max ? s.substring(0, max) : s;
    StringBuilder sb = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        if (sb == null) {
          sb = new StringBuilder(t.substring(0, i));
        }
        sb.append('\ufffd');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? t : sb.toString();
  }
}
