package io.mxray.core.bounce;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the bytes of a text part into characters before anything is matched, so that a Japanese
 * carrier's notice is read in Japanese. The declared charset is used when the bytes fit it; mail in
 * the wild often declares one charset and carries another (ISO-2022-JP declared, EUC-JP or
 * Shift_JIS sent), or declares none, so the bytes decide when the declaration cannot be right:
 * escape sequences mean ISO-2022-JP (RFC 1468), valid UTF-8 means UTF-8, and other 8-bit Japanese
 * text is EUC-JP or Shift_JIS (read as Windows-31J, its superset) by the byte ranges each uses.
 */
final class Charsets {

  private static final Charset ISO_2022_JP = lookup("ISO-2022-JP");
  private static final Charset EUC_JP = lookup("EUC-JP");
  private static final Charset WINDOWS_31J = lookup("windows-31j");

  private Charsets() {}

  private static Charset lookup(String name) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }

  /** The charset a declared name stands for, with the aliases mail uses; empty if unknown. */
  static Optional<Charset> named(String declared) {
    if (declared == null || declared.isBlank()) {
      return Optional.empty();
    }
    String n = declared.trim().replace("\"", "").toLowerCase(Locale.ROOT);
    switch (n) {
      case "shift_jis",
          "shift-jis",
          "sjis",
          "x-sjis",
          "ms_kanji",
          "cp932",
          "ms932",
          "windows-31j" -> {
        return Optional.of(WINDOWS_31J); // the superset Japanese mailers actually send
      }
      case "iso-2022-jp", "iso-2022-jp-2", "iso-2022-jp-3", "csiso2022jp" -> {
        return Optional.of(ISO_2022_JP);
      }
      case "euc-jp", "x-euc-jp", "eucjp" -> {
        return Optional.of(EUC_JP);
      }
      case "utf8", "utf-8" -> {
        return Optional.of(StandardCharsets.UTF_8);
      }
      case "us-ascii", "ascii", "ansi_x3.4-1968" -> {
        return Optional.of(StandardCharsets.US_ASCII);
      }
      default -> {
        try {
          return Optional.of(Charset.forName(n));
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
  }

  /** Decodes {@code bytes}, declared as {@code declared} (may be null). Never throws. */
  static String decode(byte[] bytes, String declared) {
    boolean eightBit = false;
    boolean escape = false;
    for (byte b : bytes) {
      if (b < 0) {
        eightBit = true;
      } else if (b == 0x1b) {
        escape = true;
      }
    }
    Optional<Charset> cs = named(declared);
    if (!eightBit) {
      // 7-bit: only ISO-2022-JP (and other escape-based charsets) can change anything.
      if (escape) {
        Charset c =
            cs.filter(x -> x.name().toUpperCase(Locale.ROOT).startsWith("ISO-2022"))
                .orElse(ISO_2022_JP);
        return strict(bytes, c).orElseGet(() -> new String(bytes, c));
      }
      return new String(bytes, StandardCharsets.ISO_8859_1); // identical to ASCII here
    }
    if (cs.isPresent() && !isSevenBitCharset(cs.get())) {
      Optional<String> s = strict(bytes, cs.get());
      if (s.isPresent()) {
        return s.get();
      }
    }
    Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
    if (utf8.isPresent()) {
      return utf8.get();
    }
    if (looksEucJp(bytes)) {
      Optional<String> euc = strict(bytes, EUC_JP);
      if (euc.isPresent()) {
        return euc.get();
      }
    }
    boolean japanese = cs.map(Charsets::isJapanese).orElse(false);
    boolean undeclared = cs.isEmpty() || isSevenBitCharset(cs.get());
    Optional<String> sjis = strict(bytes, WINDOWS_31J);
    if (sjis.isPresent() && (japanese || (undeclared && denseHighBytes(bytes)))) {
      return sjis.get();
    }
    if (cs.isPresent()
        && !isSevenBitCharset(cs.get())
        && !cs.get().equals(StandardCharsets.UTF_8)) {
      return new String(bytes, cs.get());
    }
    return new String(bytes, lookup("windows-1252"));
  }

  private static boolean isSevenBitCharset(Charset c) {
    String n = c.name().toUpperCase(Locale.ROOT);
    return n.equals("US-ASCII") || n.startsWith("ISO-2022");
  }

  private static boolean isJapanese(Charset c) {
    String n = c.name().toUpperCase(Locale.ROOT);
    return n.contains("2022-JP") || n.contains("JIS") || n.contains("EUC-JP") || n.contains("31J");
  }

  /**
   * EUC-JP uses only bytes 0xA1-0xFE for both halves of a character (0x8E/0x8F as prefixes);
   * Shift_JIS lead bytes 0x81-0x9F (other than those prefixes) never occur in it.
   */
  private static boolean looksEucJp(byte[] bytes) {
    int high = 0;
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v >= 0x80) {
        high++;
        if (v < 0xa1 && v != 0x8e && v != 0x8f) {
          return false;
        }
        if (v == 0xff) {
          return false;
        }
      }
    }
    return high > 0;
  }

  /**
   * Japanese text is mostly two-byte characters; Western text has a few accented letters between
   * ASCII ones. Used only when nothing declares the charset.
   */
  private static boolean denseHighBytes(byte[] bytes) {
    int high = 0;
    int visible = 0;
    for (byte b : bytes) {
      if (b < 0) {
        high++;
        visible++;
      } else if (b > 0x20) {
        visible++;
      }
    }
    return visible > 0 && high * 10 >= visible * 3;
  }

  private static Optional<String> strict(byte[] bytes, Charset c) {
    try {
      CharBuffer out =
          c.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return Optional.of(out.toString());
    } catch (CharacterCodingException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
