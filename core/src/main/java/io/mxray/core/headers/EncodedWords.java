package io.mxray.core.headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Turns a header value into text a person can read: raw 8-bit octets (RFC 6532) as UTF-8, falling
 * back to Windows-1252, then RFC 2047 encoded words ({@code =?charset?B|Q?...?=}) decoded by Apache
 * mime4j, with the JDK's charsets (UTF-8, ISO-2022-JP, Shift_JIS, EUC-JP, ISO-8859-x, ...).
 */
public final class EncodedWords {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Pattern LEFTOVER = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

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

  /** Decodes encoded words in already-unfolded text; undecodable words are left as written. */
  public static String decode(String text) {
    if (text.indexOf("=?") < 0) {
      return text;
    }
    try {
      return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
    } catch (RuntimeException e) {
      // mime4j rejects some malformed words with an exception; the raw text is the honest answer.
      return text;
    }
  }

  /**
   * Whether decoded text still holds something that looks like an encoded word (bad charset or
   * data).
   */
  public static boolean hasUndecodedWords(String decoded) {
    return decoded.indexOf("=?") >= 0 && LEFTOVER.matcher(decoded).find();
  }
}
