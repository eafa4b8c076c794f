package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Extraction, before any classification: addresses, charsets, per-recipient text, the formats
 * without an RFC 3464 part, the writer of the bounce, the original message and the de-duplication
 * key.
 */
class BounceExtractionTest {

  private static BounceMessage synthetic(String name) {
    return DsnParser.parse(BounceSyntheticTest.read(name));
  }

  @Test
  void findsAddressesWithAScannerThatSkipsOverLongParts() {
    assertThat(Addresses.all("To: <a.b+c@mx.example.com>, x@example.org.", 10))
        .containsExactly("a.b+c@mx.example.com", "x@example.org");
    assertThat(Addresses.first("\"a..b\"@example.org")).isEqualTo("\"a..b\"@example.org");
    assertThat(Addresses.first("user@example.com-")).isEqualTo("user@example.com");
    assertThat(Addresses.first("x".repeat(65) + "@example.com")).isEmpty();
    assertThat(Addresses.first("x@" + "a".repeat(64) + ".example")).isEmpty();
    assertThat(Addresses.first("x@" + "a.".repeat(200) + "example")).isEmpty();
    assertThat(Addresses.all("@".repeat(100_000) + " ok@example.net", 5))
        .containsExactly("ok@example.net");
  }

  @Test
  void decodesJapaneseTextWhateverItsDeclaredCharsetClaims() {
    String text = "宛先のメールアドレスは存在しません。";
    assertThat(Charsets.decode(text.getBytes(Charset.forName("ISO-2022-JP")), "iso-2022-jp"))
        .isEqualTo(text);
    assertThat(Charsets.decode(text.getBytes(Charset.forName("ISO-2022-JP")), null))
        .isEqualTo(text);
    // Declared ISO-2022-JP, sent as EUC-JP (seen from Japanese carriers).
    assertThat(Charsets.decode(text.getBytes(Charset.forName("EUC-JP")), "ISO-2022-JP"))
        .isEqualTo(text);
    assertThat(Charsets.decode(text.getBytes(Charset.forName("windows-31j")), "x-sjis"))
        .isEqualTo(text);
    assertThat(Charsets.decode(text.getBytes(Charset.forName("windows-31j")), null))
        .isEqualTo(text);
    assertThat(Charsets.decode("Grüße".getBytes(StandardCharsets.UTF_8), "us-ascii"))
        .isEqualTo("Grüße");
    assertThat(
            Charsets.decode(
                "Benutzer unbekannt, Grüße".getBytes(StandardCharsets.ISO_8859_1), null))
        .isEqualTo("Benutzer unbekannt, Grüße");
  }

  @Test
  void japaneseCarrierTextsAreReadInJapanese() {
    assertThat(synthetic("50-kddi-iso2022jp-unknown.eml").recipients().get(0).diagnostic())
        .contains("存在しません");
    assertThat(synthetic("51-softbank-sjis-full.eml").recipients().get(0).diagnostic())
        .contains("メールボックスの容量がいっぱい");
  }

  @Test
  void eachRecipientOfAMultiRecipientReportGetsItsOwnLinesOnly() {
    List<BounceRecipient> rs = synthetic("02-postfix-three-recipients.eml").recipients();

    assertThat(rs)
        .extracting(BounceRecipient::address)
        .containsExactly("nobody@example.com", "full@example.com", "moved@example.com");
    assertThat(rs.get(0).diagnostic()).contains("unknown user").doesNotContain("quota", "moved");
    assertThat(rs.get(1).diagnostic()).contains("quota").doesNotContain("unknown user", "moved");
    assertThat(rs).extracting(BounceRecipient::command).containsOnly("RCPT");
  }

  @Test
  void anErrorStatedOnceBeforeTheRecipientListBelongsToEveryListedRecipient() {
    List<BounceRecipient> rs = synthetic("46-mailmarshal-two.eml").recipients();

    assertThat(rs)
        .extracting(BounceRecipient::address)
        .containsExactly("alpha@example.net", "beta@example.net");
    assertThat(rs)
        .allSatisfy(r -> assertThat(r.diagnostic()).contains("550 5.1.1 Unknown recipient"));
  }

  @Test
  void readsAmazonSesNotificationsRawAndInTheSnsEnvelope() {
    BounceMessage bounce = synthetic("55-ses-bounce-general.eml");
    BounceMessage complaint = synthetic("57-ses-complaint-sns.eml");

    assertThat(bounce.mta()).isEqualTo("amazonses");
    assertThat(bounce.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("gone@example.com", "full@example.net");
    assertThat(bounce.recipients().get(0).bounceType()).isEqualTo("Permanent/General");
    assertThat(bounce.recipients().get(0).replyCode()).isEqualTo(550);
    assertThat(bounce.original().messageId()).isEqualTo("ses-55@mail.example.org");
    assertThat(bounce.original().listId()).isEqualTo("news.example.org");
    assertThat(complaint.kind()).isEqualTo(BounceMessage.Kind.FEEDBACK);
    assertThat(complaint.feedbackType()).isEqualTo("abuse");
    assertThat(complaint.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("reader@example.com");
  }

  @Test
  void microsoftJmrpAndArfAreFeedbackWithTheComplainer() {
    BounceMessage jmrp = synthetic("60-jmrp.eml");
    BounceMessage arf = synthetic("61-arf-auth-failure.eml");

    assertThat(jmrp.kind()).isEqualTo(BounceMessage.Kind.FEEDBACK);
    assertThat(jmrp.mta()).isEqualTo("microsoft-jmrp");
    assertThat(jmrp.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("reader@outlook.example");
    assertThat(arf.feedbackType()).isEqualTo("auth-failure");
    assertThat(arf.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("reader@receiver.example");
    assertThat(arf.original().from()).isEqualTo("news@example.org");
  }

  @Test
  void namesTheSoftwareThatWroteTheBounce() {
    assertThat(synthetic("01-postfix-gmail-nosuchuser.eml").mta()).isEqualTo("postfix");
    assertThat(synthetic("24-exim-unrouteable.eml").mta()).isEqualTo("exim");
    assertThat(synthetic("30-sendmail-user-unknown.eml").mta()).isEqualTo("sendmail");
    assertThat(synthetic("34-qmail-two.eml").mta()).isEqualTo("qmail");
    assertThat(synthetic("36-exchange-recipient-not-found.eml").mta()).isEqualTo("exchange");
    assertThat(synthetic("43-courier.eml").mta()).isEqualTo("courier");
    assertThat(synthetic("44-opensmtpd.eml").mta()).isEqualTo("opensmtpd");
    assertThat(synthetic("46-mailmarshal-two.eml").mta()).isEqualTo("mailmarshal");
    assertThat(synthetic("47-trendmicro.eml").mta()).isEqualTo("trendmicro");
    assertThat(synthetic("48-messagelabs.eml").mta()).isEqualTo("messagelabs");
    assertThat(synthetic("49-verizon.eml").mta()).isEqualTo("verizon");
    assertThat(MtaSignatures.known())
        .contains("gmail", "office365", "yahoo", "docomo", "kddi", "softbank", "amazonses");
  }

  @Test
  void keepsTheAliasTheReportingHostAndTheOriginalMessage() {
    BounceMessage m = synthetic("65-alias-expanded.eml");
    BounceRecipient r = m.recipients().get(0);

    assertThat(r.address()).isEqualTo("jane.doe@example.com");
    assertThat(r.originalRecipient()).isEqualTo("sales@example.com");
    assertThat(r.reportingMta()).isEqualTo("mx.example.net");
    assertThat(r.remoteMta()).isEqualTo("mx.example.com");
    assertThat(m.date()).isEqualTo("2026-04-06T09:05:00Z");
    assertThat(m.original())
        .isEqualTo(
            new OriginalMessage(
                "n65@mail.example.org",
                "news@example.org",
                "Spring newsletter",
                "news.example.org"));
  }

  @Test
  void theDeduplicationKeyIsStablePerRecipientEventAndMessage() {
    BounceMessage m = synthetic("02-postfix-three-recipients.eml");
    BounceRecipient a = m.recipients().get(0);
    String key = DedupKey.of(m, a, BounceReason.USERUNKNOWN);

    assertThat(key).matches("[0-9a-f]{32}");
    assertThat(
            DedupKey.of(synthetic("02-postfix-three-recipients.eml"), a, BounceReason.USERUNKNOWN))
        .isEqualTo(key);
    assertThat(DedupKey.of(m, m.recipients().get(1), BounceReason.MAILBOXFULL)).isNotEqualTo(key);
    BounceRecipient delayed = new BounceRecipient(a.address(), "delayed", "4.4.1", 0, "", "", "");
    assertThat(DedupKey.of(m, delayed, BounceReason.EXPIRED)).isNotEqualTo(key);
    // The same failure reported twice, with different diagnostics, is one event.
    BounceRecipient again =
        new BounceRecipient(a.address().toUpperCase(), "failed", "5.1.1", 550, "x", "", "");
    assertThat(DedupKey.of(m, again, BounceReason.USERUNKNOWN)).isEqualTo(key);
  }

  @Test
  void theRemoteServersOwnCodeWinsOverAGenericStatus() {
    assertThat(DeliveryStatus.effectiveStatus("5.0.0", "550 5.1.1 <a@example.com>: User unknown"))
        .isEqualTo("5.1.1");
    assertThat(
            DeliveryStatus.effectiveStatus(
                "5.0.0",
                "5.1.0 - Unknown address error 550-'5.7.1 <a@example.com>... Access denied'"))
        .isEqualTo("5.7.1");
    assertThat(DeliveryStatus.effectiveStatus("5.1.1", "550 Requested action not taken"))
        .isEqualTo("5.1.1");
    assertThat(DeliveryStatus.replyCode("Size (in bytes): 512")).isZero();
    assertThat(DeliveryStatus.replyCode("250 2.0.0 Ok: queued")).isEqualTo(250);
  }
}
