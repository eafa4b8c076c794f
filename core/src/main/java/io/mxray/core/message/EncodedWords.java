package io.mxray.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a header value into text a person can read: raw 8-bit octets (RFC 6532) as UTF-8, falling
 * back to Windows-1252, then RFC 2047 encoded words ({@code =?charset?B|Q?...?=}).
 *
 * <p>Adjacent encoded words (separated only by white space, which RFC 2047 §6.2 says to ignore)
 * that share a charset are decoded together: their octets are joined first and the charset decodes
 * the whole run. RFC 2047 §5 wants every word to hold whole characters, but Exchange 2007, mail.ru
 * and others split a multi-byte character (or an ISO-2022-JP escape sequence) across two words;
 * decoding word by word would turn it into U+FFFD. Charset labels are read as the supersets senders
 * really use ({@link MailCharsets}: windows-31j for Shift_JIS, the CP5022x and ISO-2022-JP-2
 * extensions for ISO-2022-JP, ...). A word with an unknown charset or broken base64 stays as
 * written. One pass over the text, no regular expression on it.
 */
public final class EncodedWords {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Pattern LEFTOVER = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

  /** Longest encoded word read (RFC 2047 allows 75 characters; senders write longer ones). */
  static final int MAX_WORD = 4096;

  private EncodedWords() {}

  /** Octets-as-chars (ISO-8859-1) to text: UTF-8 when valid, else Windows-1252. */
  public static String octetsToText(String octets) {
    boolean ascii = true;
    for (int i = 0; i < octets.length() && ascii; i++) {
      ascii = octets.charAt(i) < 0x80;
    }
    if (ascii) {
      return octets;
    }
    byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, CP1252);
    }
  }

  /** One parsed encoded word: where it is and its octets. */
  private record Word(int start, int end, String charset, byte[] octets) {}

  /** Decodes encoded words in already-unfolded text; undecodable words are left as written. */
  public static String decode(String text) {
    if (text.indexOf("=?") < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0; // text[0, pos) has been written to out (or dropped)
    String runCharset = null; // the run of adjacent words sharing a charset
    ByteArrayOutputStream runOctets = new ByteArrayOutputStream();
    int runEnd = 0;
    int i = text.indexOf("=?");
    while (i >= 0) {
      Word w = word(text, i);
      if (w == null) {
        i = text.indexOf("=?", i + 2);
        continue;
      }
      boolean adjacent = runCharset != null && blank(text, runEnd, w.start());
      if (adjacent && w.charset().equals(runCharset)) {
        runOctets.writeBytes(w.octets());
      } else {
        if (runCharset != null) {
          out.append(MailCharsets.decode(runCharset, runOctets.toByteArray()).orElse(""));
        }
        if (!adjacent) {
          out.append(text, pos, w.start()); // literal text before the word
        }
        runCharset = w.charset();
        runOctets.reset();
        runOctets.writeBytes(w.octets());
      }
      runEnd = w.end();
      pos = w.end();
      i = text.indexOf("=?", w.end());
    }
    if (runCharset != null) {
      out.append(MailCharsets.decode(runCharset, runOctets.toByteArray()).orElse(""));
    }
    out.append(text, pos, text.length());
    return out.toString();
  }

  /** Only white space between {@code from} and {@code to}. */
  private static boolean blank(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /** The encoded word starting at {@code at} ("=?"), or null when there is none or it is broken. */
  private static Word word(String s, int at) {
    int limit = Math.min(s.length(), at + MAX_WORD);
    int q1 = find(s, '?', at + 2, limit);
    if (q1 < 0 || q1 == at + 2 || q1 + 3 >= limit || s.charAt(q1 + 2) != '?') {
      return null;
    }
    char enc = Character.toUpperCase(s.charAt(q1 + 1));
    if (enc != 'B' && enc != 'Q') {
      return null;
    }
    int textStart = q1 + 3;
    int end = textStart;
    while (end + 1 < limit && !(s.charAt(end) == '?' && s.charAt(end + 1) == '=')) {
      if (Character.isWhitespace(s.charAt(end))) {
        return null; // encoded text holds no white space (RFC 2047 §5)
      }
      end++;
    }
    if (end + 1 >= limit) {
      return null;
    }
    String charset = s.substring(at + 2, q1);
    for (int k = 0; k < charset.length(); k++) {
      if (Character.isWhitespace(charset.charAt(k))) {
        return null;
      }
    }
    if (!MailCharsets.supported(charset)) {
      return null;
    }
    String encoded = s.substring(textStart, end);
    byte[] octets = enc == 'B' ? base64(encoded) : quoted(encoded);
    if (octets == null) {
      return null;
    }
    return new Word(at, end + 2, charset.toLowerCase(Locale.ROOT), octets);
  }

  private static int find(String s, char c, int from, int limit) {
    for (int k = from; k < limit; k++) {
      if (s.charAt(k) == c) {
        return k;
      }
    }
    return -1;
  }

  private static byte[] base64(String s) {
    String t = s;
    int pad = t.length() % 4;
    if (pad == 1) {
      return null;
    }
    if (pad > 0 && !t.endsWith("=")) {
      t = t + "==".substring(0, 4 - pad);
    }
    try {
      return Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** RFC 2047 §4.2 Q encoding: "_" is a space, "=XX" an octet, the rest as written. */
  private static byte[] quoted(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '_') {
        b.write(' ');
      } else if (c == '='
          && k + 2 < s.length()
          && hex(s.charAt(k + 1)) >= 0
          && hex(s.charAt(k + 2)) >= 0) {
        b.write(hex(s.charAt(k + 1)) * 16 + hex(s.charAt(k + 2)));
        k += 2;
      } else {
        b.write(c & 0xff);
      }
    }
    return b.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /**
   * Whether decoded text still holds something that looks like an encoded word (bad charset or
   * data).
   */
  public static boolean hasUndecodedWords(String decoded) {
    return decoded.indexOf("=?") >= 0 && LEFTOVER.matcher(decoded).find();
  }
}
