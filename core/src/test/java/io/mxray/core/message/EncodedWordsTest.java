package io.mxray.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * RFC 2047 decoding in the forms real mailers write (paraphrased): words that split a character,
 * Microsoft's supersets behind Japanese, Chinese, Korean and Latin labels, broken words.
 */
class EncodedWordsTest {

  private static String b(String charset, byte[] bytes) {
    return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
  }

  private static String q(String charset, byte[] bytes) {
    StringBuilder s = new StringBuilder("=?" + charset + "?Q?");
    for (byte x : bytes) {
      s.append(String.format("=%02X", x & 0xff));
    }
    return s.append("?=").toString();
  }

  private static byte[] bytes(String text, String charset) {
    return text.getBytes(Charset.forName(charset));
  }

  @Test
  void joinsAUtf8CharacterSplitAcrossTwoBase64Words() {
    // Exchange 2007 style: the encoder cut the octets at a fixed length, inside a character.
    // Word by word (the old mime4j decoding) this gave U+FFFD.
    byte[] all = bytes("日本語のメール", "UTF-8");
    String header =
        b("utf-8", Arrays.copyOfRange(all, 0, 7))
            + "\r\n "
            + b("UTF-8", Arrays.copyOfRange(all, 7, all.length));
    assertThat(EncodedWords.decode(header)).isEqualTo("日本語のメール");
  }

  @Test
  void joinsACharacterSplitAcrossQuotedPrintableWords() {
    byte[] all = bytes("Привет, мир", "UTF-8");
    String header =
        q("UTF-8", Arrays.copyOfRange(all, 0, 5))
            + " "
            + q("UTF-8", Arrays.copyOfRange(all, 5, all.length));
    assertThat(EncodedWords.decode("Subject " + header)).isEqualTo("Subject Привет, мир");
  }

  @Test
  void joinsAnIso2022JpEscapeSequenceSplitAcrossWords() {
    byte[] all = bytes("会議のお知らせ", "ISO-2022-JP");
    String header =
        b("ISO-2022-JP", Arrays.copyOfRange(all, 0, 2))
            + " "
            + b("ISO-2022-JP", Arrays.copyOfRange(all, 2, all.length));
    assertThat(EncodedWords.decode(header)).isEqualTo("会議のお知らせ");
  }

  @Test
  void readsShiftJisLabelsAsWindows31jSoNecAndIbmExtensionsDecode() {
    // Outlook and Japanese webmail label windows-31j text "shift_jis": ① (NEC row 13), 髙 (IBM
    // extension), Ⅱ; the JDK's strict Shift_JIS turns them into U+FFFD.
    String text = "①髙橋様 Ⅱ期のご案内";
    assertThat(EncodedWords.decode(b("shift_jis", bytes(text, "windows-31j")))).isEqualTo(text);
    assertThat(EncodedWords.decode(b("Shift_JIS", bytes(text, "windows-31j")))).isEqualTo(text);
  }

  @Test
  void readsIso2022JpWithTheMicrosoftExtensions() {
    String text = "①髙橋様";
    // CP5022x: NEC and IBM extension rows inside ESC $ B (Outlook, Windows mailers)
    assertThat(EncodedWords.decode(b("iso-2022-jp", bytes(text, "x-windows-iso2022jp"))))
        .isEqualTo(text);
    // ISO-2022-JP-2 style: 髙 from JIS X 0212 after ESC $ ( D
    assertThat(EncodedWords.decode(b("ISO-2022-JP", bytes(text, "x-windows-50220"))))
        .isEqualTo(text);
    // Half-width katakana after ESC ( I (CP50221)
    assertThat(EncodedWords.decode(b("ISO-2022-JP", bytes("ｶﾀｶﾅ", "x-windows-50221"))))
        .isEqualTo("ｶﾀｶﾅ");
  }

  @Test
  void readsEucJpWithNecExtensions() {
    assertThat(EncodedWords.decode(b("EUC-JP", bytes("①髙", "x-eucJP-Open")))).isEqualTo("①髙");
  }

  @Test
  void readsLatinChineseAndKoreanLabelsAsTheirSupersets() {
    // iso-8859-1 labels on windows-1252 text: € and curly quotes (WHATWG Encoding Standard)
    assertThat(EncodedWords.decode(q("iso-8859-1", bytes("“5 €”", "windows-1252"))))
        .isEqualTo("“5 €”");
    // gb2312 labels on GBK text: 喆 is not in GB2312
    assertThat(EncodedWords.decode(b("gb2312", bytes("王喆", "GBK")))).isEqualTo("王喆");
    // ks_c_5601-1987 labels on windows-949 (UHC) text: 똠 is not in KS X 1001
    assertThat(EncodedWords.decode(b("ks_c_5601-1987", bytes("똠방각하", "x-windows-949"))))
        .isEqualTo("똠방각하");
  }

  @Test
  void dropsWhiteSpaceOnlyBetweenAdjacentWordsAndDecodesEachCharsetOnItsOwn() {
    String header =
        "Re: "
            + q("ISO-8859-1", bytes("café", "ISO-8859-1"))
            + " \t "
            + b("UTF-8", bytes("日本", "UTF-8"))
            + " and "
            + b("UTF-8", bytes("ok", "UTF-8"));
    assertThat(EncodedWords.decode(header)).isEqualTo("Re: café日本 and ok");
  }

  @Test
  void readsRfc2231LanguageTagsUnderscoresAndMissingPadding() {
    assertThat(EncodedWords.decode("=?utf-8*en?Q?hello_world?=")).isEqualTo("hello world");
    assertThat(EncodedWords.decode("=?UTF-8?B?SGVsbG8?=")).isEqualTo("Hello");
    assertThat(EncodedWords.decode("=?UTF-8?q?a=3Db?=")).isEqualTo("a=b");
  }

  @Test
  void leavesBrokenWordsAsWritten() {
    for (String broken :
        new String[] {
          "=?x-no-such-charset?B?aGVsbG8=?=",
          "=?UTF-8?B?a?=",
          "=?UTF-8?X?abc?=",
          "=?UTF-8?B?aGVs bG8=?=",
          "=?UTF-8?B?aGVsbG8=",
          "=??B?aGVsbG8=?="
        }) {
      assertThat(EncodedWords.decode("x " + broken)).isEqualTo("x " + broken);
    }
    assertThat(EncodedWords.hasUndecodedWords(EncodedWords.decode("=?x-nope?B?aGk=?="))).isTrue();
  }

  @Test
  void hostileRunsOfOpeningSequencesFinishWithTheTextUnchanged() {
    String hostile = "=?".repeat(32_000) + "?";
    assertThat(EncodedWords.decode(hostile)).isEqualTo(hostile);
    String manyWords = "=?UTF-8?Q?a?= ".repeat(5_000);
    assertThat(EncodedWords.decode(manyWords)).isEqualTo("a".repeat(5_000) + " ");
  }

  @Test
  void raw8BitFallsBackToWindows1252() {
    String octets =
        new String("café €".getBytes(Charset.forName("windows-1252")), StandardCharsets.ISO_8859_1);
    assertThat(EncodedWords.octetsToText(octets)).isEqualTo("café €");
  }
}
