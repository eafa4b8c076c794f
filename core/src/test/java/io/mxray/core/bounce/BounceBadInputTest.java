package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bounces: over-long addresses and hundreds of kilobytes of repeated lines must give a
 * result, never a stack overflow or a quadratic stall (issue 14, "Bad input"; issue 16). The
 * timeouts only guard against a hang; they assert nothing about speed. Before the fix the two
 * long-address tests overflowed the stack (java.lang.StackOverflowError) and the repeated-lines
 * part took about half a minute (the block was lower-cased again for every line).
 */
class BounceBadInputTest {

  private final BounceExplainer explainer = new BounceExplainer();

  /** A domain of about 6 kB: three thousand one-letter labels. */
  private static String longDomain() {
    return "a.".repeat(3000) + "example";
  }

  private static String dsn(String perRecipient, String human) {
    return "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\r\n"
        + "To: <sender@example.org>\r\n"
        + "Subject: Undelivered Mail Returned to Sender\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\n"
        + human
        + "\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        + perRecipient
        + "\r\n--b1--\r\n";
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSixKilobyteAddressInTheReportIsNotAnAddressAndDoesNotOverflowTheStack() {
    String huge = "someone@" + longDomain();
    BounceReport r =
        explainer.explain(
            dsn(
                    "Final-Recipient: rfc822; "
                        + huge
                        + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <"
                        + huge
                        + ">: User unknown\r\n",
                    "<" + huge + ">: host mx.example.net said: 550 5.1.1 User unknown")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(r.message().kind()).isEqualTo(BounceMessage.Kind.DSN);
    assertThat(r.recipients()).hasSize(1);
    assertThat(r.recipients().get(0).reason()).isEqualTo(BounceReason.USERUNKNOWN);
    assertThat(Addresses.first(huge)).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSixKilobyteAddressInABounceTextGivesAResult() {
    String text =
        "From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.org\r\n"
            + "Subject: failure notice\r\n\r\n"
            + "Hi. This is the qmail-send program at mx.example.net.\r\n\r\n"
            + "<someone@"
            + longDomain()
            + ">:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n"
            + "<other@example.com>:\r\n192.0.2.25 does not like recipient.\r\n"
            + "Remote host said: 550 5.1.1 <other@example.com>: Recipient address rejected: User unknown\r\n";
    BounceReport r = explainer.explain(text.getBytes(StandardCharsets.UTF_8));

    assertThat(r.recipients())
        .extracting(e -> e.recipient().address())
        .contains("other@example.com");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aDeliveryStatusPartOfRepeatedLinesIsReadOnceNotOncePerLine() {
    StringBuilder block =
        new StringBuilder(
            "Final-Recipient: rfc822; someone@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n"
                + "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n");
    while (block.length() < 300_000) {
      block.append("x\r\n");
    }
    BounceReport r =
        explainer.explain(
            dsn(block.toString(), "Delivery failed.").getBytes(StandardCharsets.UTF_8));

    assertThat(r.recipients()).hasSize(1);
    assertThat(r.recipients().get(0).reason()).isEqualTo(BounceReason.MAILBOXFULL);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void threeHundredKilobytesOfRepeatedRecipientLinesAreCappedAndClassified() {
    StringBuilder text =
        new StringBuilder(
            "From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.org\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n\r\n");
    int i = 0;
    while (text.length() < 300_000) {
      text.append("<user")
          .append(i++)
          .append(
              "@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1 User unknown\r\n");
    }
    BounceReport r = explainer.explain(text.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(r.recipients()).hasSize(DsnParser.MAX_RECIPIENTS);
    assertThat(r.recipients()).allMatch(e -> e.reason() == BounceReason.USERUNKNOWN);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void oneLongLineOfMarkersAndBracketsIsReadInLinearTime() {
    String line = "-".repeat(200_000) + " original message " + "<".repeat(100_000);
    BounceReport r =
        explainer.explain(
            ("From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n\r\n"
                    + "<someone@example.com>: 550 5.1.1 User unknown\r\n"
                    + line
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(r.recipients())
        .extracting(e -> e.reason())
        .containsExactly(BounceReason.USERUNKNOWN);
  }

  @Test
  void explainCapsItsInputBeforeAnyPattern() {
    String line = "550 5.1.1 " + "x@".repeat(200_000);
    BounceReport r = explainer.explainReply(line);
    assertThat(r.recipients()).hasSize(1);
    assertThat(r.recipients().get(0).recipient().diagnostic().length()).isLessThanOrEqualTo(4000);
  }
}
