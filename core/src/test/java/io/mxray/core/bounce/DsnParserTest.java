package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DsnParserTest {

  @Test
  void readsEveryPerRecipientBlockOfAMultipartReportInOrder() {
    BounceMessage m = DsnParser.parse(BounceFixtures.read("dsn-two-recipients.eml"));

    assertThat(m.kind()).isEqualTo(BounceMessage.Kind.DSN);
    assertThat(m.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("nobody@example.com", "full@example.com");
    BounceRecipient first = m.recipients().get(0);
    assertThat(first.action()).isEqualTo("failed");
    assertThat(first.status()).isEqualTo("5.1.1");
    assertThat(first.replyCode()).isEqualTo(550);
    assertThat(first.remoteMta()).isEqualTo("mail.example.com");
    assertThat(first.diagnostic()).contains("Recipient address rejected: User unknown");
    assertThat(first.command()).isEqualTo("RCPT");
    assertThat(m.recipients().get(1).action()).isEqualTo("delayed");
  }

  @Test
  void recoversRecipientsAndCodesFromATextOnlyBounce() {
    BounceMessage m = DsnParser.parse(BounceFixtures.read("qmail-text.eml"));

    assertThat(m.kind()).isEqualTo(BounceMessage.Kind.TEXT_BOUNCE);
    assertThat(m.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("gone@example.com", "big@example.com");
    assertThat(m.recipients())
        .extracting(BounceRecipient::status)
        .containsExactly("5.1.1", "5.3.4");
    assertThat(m.recipients()).extracting(BounceRecipient::replyCode).containsExactly(550, 552);
  }

  @Test
  void recognisesFeedbackReportsWithTheirFeedbackType() {
    BounceMessage m = DsnParser.parse(BounceFixtures.read("arf.eml"));

    assertThat(m.kind()).isEqualTo(BounceMessage.Kind.FEEDBACK);
    assertThat(m.feedbackType()).isEqualTo("abuse");
    assertThat(m.recipients())
        .extracting(BounceRecipient::address)
        .containsExactly("complainer@example.com");
  }

  @Test
  void recognisesAutoRepliesByAutoSubmittedHeader() {
    assertThat(DsnParser.parse(BounceFixtures.read("vacation.eml")).kind())
        .isEqualTo(BounceMessage.Kind.AUTO_REPLY);
  }

  @Test
  void saysOrdinaryMailIsNotABounce() {
    BounceMessage m = DsnParser.parse(BounceFixtures.read("ordinary.eml"));

    assertThat(m.kind()).isEqualTo(BounceMessage.Kind.NOT_A_BOUNCE);
    assertThat(m.recipients()).isEmpty();
  }

  @Test
  void treatsBinaryJunkAsUnreadable() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);

    assertThat(DsnParser.parse(junk).kind()).isEqualTo(BounceMessage.Kind.UNREADABLE);
    assertThat(DsnParser.parse(new byte[0]).kind()).isEqualTo(BounceMessage.Kind.UNREADABLE);
  }

  @Test
  void capsHugeInputAndSaysItWasTruncated() {
    byte[] head = BounceFixtures.read("qmail-text.eml");
    byte[] huge = Arrays.copyOf(head, DsnParser.MAX_BYTES + 1000);
    Arrays.fill(huge, head.length, huge.length, (byte) 'x');

    BounceMessage m = DsnParser.parse(huge);

    assertThat(m.truncated()).isTrue();
    assertThat(m.recipients()).extracting(BounceRecipient::address).contains("gone@example.com");
  }

  @Test
  void capsTheNumberOfRecipientsOfOneMessage() {
    StringBuilder b =
        new StringBuilder("From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n");
    for (int i = 0; i < DsnParser.MAX_RECIPIENTS + 200; i++) {
      b.append("<user").append(i).append("@example.com>: 550 5.1.1 User unknown\n");
    }

    assertThat(DsnParser.parse(b.toString()).recipients()).hasSize(DsnParser.MAX_RECIPIENTS);
  }

  @Test
  void skipsALeadingMboxFromLine() {
    byte[] body = BounceFixtures.read("qmail-text.eml");
    byte[] withFrom =
        ("From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n" + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    assertThat(DsnParser.parse(withFrom).recipients()).hasSize(2);
  }
}
