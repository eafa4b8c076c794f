package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {

  @Test
  void parsesCodeStatusAndText() {
    SmtpReply r = SmtpReply.parse("550 5.1.1 <x@example.com>: Recipient address rejected");

    assertThat(r.code()).isEqualTo(550);
    assertThat(r.status()).map(Object::toString).contains("5.1.1");
    assertThat(r.text()).isEqualTo("<x@example.com>: Recipient address rejected");
    assertThat(r.meaning()).isPresent();
  }

  @Test
  void parsesMultilineContinuationAndBareCodes() {
    assertThat(SmtpReply.parse("550-5.7.26 Unauthenticated email").status())
        .map(Object::toString)
        .contains("5.7.26");
    assertThat(SmtpReply.parse("5.7.26").code()).isZero();
    assertThat(SmtpReply.parse("5.7.26").status()).map(Object::toString).contains("5.7.26");
    assertThat(SmtpReply.parse("421").code()).isEqualTo(421);
  }

  @Test
  void recognisesPop3AndImapAnswers() {
    assertThat(SmtpReply.parse("-ERR [AUTH] Invalid credentials").protocol())
        .isEqualTo("pop3:-ERR");
    assertThat(SmtpReply.parse("a1 NO [AUTHENTICATIONFAILED] Invalid credentials").protocol())
        .isEqualTo("imap:NO");
    assertThat(SmtpReply.parse("BAD Command unrecognized").protocol()).isEqualTo("imap:BAD");
    assertThat(SmtpReply.parse("-ERR x").meaning()).isPresent();
    assertThat(SmtpReply.parse("550 NO such user").protocol()).isEqualTo("smtp");
  }

  @Test
  void findsTheMeaningOfUnlistedCodesByClass() {
    assertThat(SmtpReply.parse("459 weird").meaning()).map(SmtpReply.Meaning::code).contains("4XX");
  }

  @Test
  void capsOverlongInput() {
    assertThat(SmtpReply.parse("550 " + "x".repeat(100_000)).text().length())
        .isLessThanOrEqualTo(SmtpReply.MAX_TEXT);
  }
}
