package io.mxray.core.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes text by the charset label a message gives, the way mail clients and browsers actually do:
 * a label names the family, and the decoder is the superset that senders really used. This follows
 * the label table of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/, "Names and
 * labels"): {@code iso-8859-1}/{@code us-ascii} are windows-1252, {@code gb2312} is GBK (decoded as
 * GB18030), {@code euc-kr} is windows-949, {@code big5} is Big5-HKSCS, {@code shift_jis} is
 * windows-31j (NEC row 13 ①, NEC-selected and IBM extensions such as 髙), {@code euc-jp} includes
 * the same extensions and JIS X 0212.
 *
 * <p>ISO-2022-JP in the wild comes in two extended forms: Microsoft's CP5022x (NEC and IBM
 * extensions inside {@code ESC $ B}, half-width katakana after {@code ESC ( I}) and ISO-2022-JP-2
 * (JIS X 0212 after {@code ESC $ ( D}). One decoder reads only one of them, so an ISO-2022-JP label
 * is tried with the JDK's {@code x-windows-iso2022jp} (MS932 extensions), then {@code
 * x-windows-50221} (JIS X 0212 and katakana), then {@code ISO-2022-JP-2}, the first that reads the
 * bytes without error winning. The JDK's own converters (module {@code jdk.charsets}) are used
 * rather than ICU4J: they ship with every full JDK, are maintained with it, and cover these tables;
 * ICU4J would add a 13 MB dependency for the same mappings.
 */
public final class MailCharsets {

  private static final List<String> ISO_2022_JP =
      List.of("x-windows-iso2022jp", "x-windows-50221", "ISO-2022-JP-2", "ISO-2022-JP");

  /** Label (lower-case) to the decoders tried in order; labels not listed go to the JDK as is. */
  private static final Map<String, List<String>> SUPERSETS =
      Map.ofEntries(
          Map.entry("shift_jis", List.of("windows-31j")),
          Map.entry("shift-jis", List.of("windows-31j")),
          Map.entry("sjis", List.of("windows-31j")),
          Map.entry("x-sjis", List.of("windows-31j")),
          Map.entry("ms_kanji", List.of("windows-31j")),
          Map.entry("csshiftjis", List.of("windows-31j")),
          Map.entry("cp932", List.of("windows-31j")),
          Map.entry("ms932", List.of("windows-31j")),
          Map.entry("windows-932", List.of("windows-31j")),
          Map.entry("iso-2022-jp", ISO_2022_JP),
          Map.entry("csiso2022jp", ISO_2022_JP),
          Map.entry("iso-2022-jp-1", ISO_2022_JP),
          Map.entry("iso-2022-jp-2", List.of("ISO-2022-JP-2", "x-windows-iso2022jp")),
          Map.entry("iso-2022-jp-3", ISO_2022_JP),
          Map.entry("euc-jp", List.of("x-eucJP-Open", "EUC-JP")),
          Map.entry("x-euc-jp", List.of("x-eucJP-Open", "EUC-JP")),
          Map.entry("cseucpkdfmtjapanese", List.of("x-eucJP-Open", "EUC-JP")),
          Map.entry("us-ascii", List.of("windows-1252")),
          Map.entry("ascii", List.of("windows-1252")),
          Map.entry("iso-8859-1", List.of("windows-1252")),
          Map.entry("iso8859-1", List.of("windows-1252")),
          Map.entry("latin1", List.of("windows-1252")),
          Map.entry("l1", List.of("windows-1252")),
          Map.entry("iso-8859-9", List.of("windows-1254")),
          Map.entry("latin5", List.of("windows-1254")),
          Map.entry("iso-8859-11", List.of("x-windows-874")),
          Map.entry("tis-620", List.of("x-windows-874")),
          Map.entry("gb2312", List.of("GB18030")),
          Map.entry("gbk", List.of("GB18030")),
          Map.entry("x-gbk", List.of("GB18030")),
          Map.entry("csgb2312", List.of("GB18030")),
          Map.entry("chinese", List.of("GB18030")),
          Map.entry("gb_2312-80", List.of("GB18030")),
          Map.entry("euc-kr", List.of("x-windows-949", "EUC-KR")),
          Map.entry("ks_c_5601-1987", List.of("x-windows-949", "EUC-KR")),
          Map.entry("ks_c_5601-1989", List.of("x-windows-949", "EUC-KR")),
          Map.entry("korean", List.of("x-windows-949", "EUC-KR")),
          Map.entry("big5", List.of("Big5-HKSCS", "Big5")),
          Map.entry("x-x-big5", List.of("Big5-HKSCS", "Big5")),
          Map.entry("cn-big5", List.of("Big5-HKSCS", "Big5")));

  private MailCharsets() {}

  /** Whether mxray can decode text labelled {@code label}. */
  public static boolean supported(String label) {
    return !decoders(label).isEmpty();
  }

  /**
   * Decodes {@code bytes} labelled {@code label}; empty when the label names no charset mxray has.
   * Bytes no decoder reads cleanly are decoded by the first with U+FFFD for what it cannot read.
   */
  public static Optional<String> decode(String label, byte[] bytes) {
    List<Charset> cs = decoders(label);
    if (cs.isEmpty()) {
      return Optional.empty();
    }
    for (Charset c : cs) {
      try {
        return Optional.of(
            c.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString());
      } catch (CharacterCodingException e) {
        // try the next member of the family
      }
    }
    return Optional.of(new String(bytes, cs.get(0)));
  }

  private static List<Charset> decoders(String label) {
    String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    int star = l.indexOf('*'); // RFC 2231 language: "utf-8*en"
    if (star >= 0) {
      l = l.substring(0, star);
    }
    if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
      l = l.substring(1, l.length() - 1);
    }
    if (l.isEmpty() || l.length() > 64) {
      return List.of();
    }
    List<String> names = SUPERSETS.getOrDefault(l, List.of(l));
    return names.stream().map(MailCharsets::charset).flatMap(Optional::stream).toList();
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }
}
