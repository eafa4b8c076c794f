package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import io.mxray.core.message.Message.ParseProblem.Kind;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\n", "\r"})
  void unfoldsFieldsWhateverTheLineEnding(String eol) {
    Message m =
        HeaderParser.parse(
            "Subject: one" + eol + "  two" + eol + "To: a@example.com" + eol + eol + "body" + eol);
    assertThat(m.fields()).extracting(HeaderField::name).containsExactly("Subject", "To");
    assertThat(m.value("Subject")).isEqualTo("one  two");
    assertThat(m.first("Subject").orElseThrow().raw()).isEqualTo("Subject: one\r\n  two");
    assertThat(m.hasBody()).isTrue();
    assertThat(m.body()).isEqualTo("body\r\n");
  }

  @Test
  void skipsAnMboxFromLineAndLinesWithoutAColon() {
    Message m =
        HeaderParser.parse(
            "From alice@example.com Mon Nov 23 10:00:00 2026\n"
                + "Subject: hi\nthis line is junk\n: empty name\nTo: b@example.com\n");
    assertThat(m.fields()).extracting(HeaderField::name).containsExactly("Subject", "To");
    assertThat(m.problems())
        .extracting(Message.ParseProblem::kind)
        .containsExactly(Kind.MBOX_FROM_LINE, Kind.NO_COLON, Kind.NO_COLON);
  }

  @Test
  void toleratesBlankLinesBeforeTheHeadersAndHeadersWithoutBody() {
    Message m = HeaderParser.parse("\n\nSubject: pasted\nTo: b@example.com");
    assertThat(m.fields()).hasSize(2);
    assertThat(m.hasBody()).isFalse();
  }

  private static String word(String charset, String text) {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "ISO-2022-JP", "Shift_JIS", "EUC-JP"})
  void decodesBase64EncodedWordsInJapaneseCharsets(String charset) {
    Message m = HeaderParser.parse("Subject: " + word(charset, "日本語のメール") + "\n");
    assertThat(m.value("Subject")).isEqualTo("日本語のメール");
  }

  @Test
  void decodesQEncodingAndAdjacentWordsWithoutTheSpaceBetweenThem() {
    Message m =
        HeaderParser.parse(
            "Subject: =?ISO-8859-1?Q?caf=E9_cr=E8me?= =?ISO-8859-2?Q?=B9koda?=\n"
                + "From: =?utf-8?q?Jos=C3=A9?= <jose@example.com>\n");
    assertThat(m.value("Subject")).isEqualTo("café crèmeškoda");
    assertThat(m.value("From")).isEqualTo("José <jose@example.com>");
  }

  @Test
  void readsRaw8BitHeadersAsUtf8OrWindows1252() {
    byte[] utf8 = "Subject: Grüße\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "Subject: Grüße\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(HeaderParser.parse(utf8).value("Subject")).isEqualTo("Grüße");
    assertThat(HeaderParser.parse(latin).value("Subject")).isEqualTo("Grüße");
    assertThat(HeaderParser.parse(latin).problems())
        .extracting(Message.ParseProblem::kind)
        .contains(Kind.RAW_8BIT);
  }

  @Test
  void leavesUndecodableEncodedWordsAsWrittenAndSaysSo() {
    Message m = HeaderParser.parse("Subject: =?x-no-such-charset?B?aGVsbG8=?=\n");
    assertThat(m.value("Subject")).contains("=?x-no-such-charset?");
    assertThat(m.problems())
        .extracting(Message.ParseProblem::kind)
        .contains(Kind.INVALID_ENCODED_WORD);
  }

  @Test
  void recognisesBinaryJunk() {
    byte[] junk = new byte[10_000];
    new java.util.Random(1).nextBytes(junk);
    Message m = HeaderParser.parse(junk);
    assertThat(m.fields()).isEmpty();
    assertThat(m.problems()).extracting(Message.ParseProblem::kind).contains(Kind.BINARY);
  }

  @Test
  void capsInputAndFieldCount() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      b.append("Received: from h")
          .append(i)
          .append(".example by mx.example; Mon, 23 Nov 2026 10:00:00 +0000\n");
    }
    Message m = HeaderParser.parse(b.toString());
    assertThat(m.fields()).hasSize(HeaderParser.MAX_FIELDS);
    assertThat(m.problems()).extracting(Message.ParseProblem::kind).contains(Kind.TOO_MANY_FIELDS);

    byte[] big = new byte[HeaderParser.MAX_INPUT_BYTES + 1000];
    java.util.Arrays.fill(big, (byte) 'a');
    byte[] head = "Subject: big\n\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, big, 0, head.length);
    Message huge = HeaderParser.parse(big);
    assertThat(huge.truncated()).isTrue();
    assertThat(huge.body().length()).isLessThanOrEqualTo(HeaderParser.MAX_INPUT_BYTES);
  }

  @Test
  void cutsOverlongFields() {
    Message m = HeaderParser.parse("X-Long: " + "a".repeat(200_000) + "\n");
    assertThat(m.first("X-Long").orElseThrow().raw().length())
        .isLessThanOrEqualTo(HeaderParser.MAX_FIELD_CHARS);
  }

  @Test
  void readsTheMimeStructureOfABody() {
    Message m =
        HeaderParser.parse(
            "Content-Type: multipart/mixed; boundary=b1\n\n--b1\n"
                + "Content-Type: text/plain; charset=utf-8\n\nhello\n--b1\n"
                + "Content-Type: application/pdf; name=\"=?UTF-8?B?w7xiZXIucGRm?=\"\nContent-Transfer-Encoding: base64\n\n"
                + "AAAA\n--b1--\n");
    MimeStructure.Result r = MimeStructure.of(m);
    assertThat(r.error()).isEmpty();
    assertThat(r.parts())
        .extracting(MimeStructure.MimePart::contentType)
        .containsExactly("multipart/mixed", "text/plain", "application/pdf");
    assertThat(r.parts().get(2).filename()).isEqualTo("über.pdf");
    assertThat(r.parts().get(1).charset()).isEqualToIgnoringCase("utf-8");
  }

  @Test
  void parsesAuthenticationResultsWithCommentsAndQuotedValues() {
    AuthResults ar =
        AuthResults.parse(
            "mx.google.com;\n dkim=pass header.i=@example.com header.s=s1 header.b=\"abc/+=\";"
                + " spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender)"
                + " smtp.mailfrom=a@example.com; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=example.org");
    assertThat(ar.authservId()).isEqualTo("mx.google.com");
    assertThat(ar.results())
        .extracting(AuthResults.Method::method)
        .containsExactly("dkim", "spf", "dmarc");
    assertThat(ar.first("dkim").orElseThrow().property("header.b")).contains("abc/+=");
    assertThat(ar.first("spf").orElseThrow().property("smtp.mailfrom")).contains("a@example.com");
    assertThat(ar.first("dmarc").orElseThrow().result()).isEqualTo("fail");
    assertThat(AuthResults.parse("example.net 1; none").results()).isEmpty();
  }
}
