package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Finding;
import org.junit.jupiter.api.Test;

class BounceExplainerTest {

  private final BounceExplainer explainer = new BounceExplainer();

  @Test
  void classifiesEachDsnRecipientAndNamesTheRule() {
    BounceReport r = explainer.explain(BounceFixtures.read("dsn-two-recipients.eml"));

    assertThat(r.recipients())
        .extracting(e -> e.reason().id())
        .containsExactly("userunknown", "mailboxfull");
    assertThat(r.recipients())
        .extracting(ExplainedRecipient::hardBounce)
        .containsExactly(true, false);
    assertThat(r.recipients())
        .allSatisfy(
            e -> {
              assertThat(e.rule()).isNotBlank();
              assertThat(e.explanation()).isNotBlank();
              assertThat(e.advice().sender()).isNotBlank();
            });
    assertThat(r.findings())
        .extracting(Finding::codeId)
        .containsExactly("bounce.hard", "bounce.soft");
  }

  @Test
  void explainsTextOnlyBounces() {
    BounceReport r = explainer.explain(BounceFixtures.read("qmail-text.eml"));

    assertThat(r.recipients())
        .extracting(e -> e.reason().id())
        .containsExactly("userunknown", "mesgtoobig");
  }

  @Test
  void reportsFeedbackAndVacationAsNotFailures() {
    assertThat(explainer.explain(BounceFixtures.read("arf.eml")).recipients())
        .extracting(e -> e.reason().id())
        .containsExactly("feedback");
    BounceReport vacation = explainer.explain(BounceFixtures.read("vacation.eml"));
    assertThat(vacation.recipients()).extracting(e -> e.reason().id()).containsExactly("vacation");
    assertThat(vacation.findings())
        .extracting(Finding::codeId)
        .containsExactly("bounce.auto-reply");
  }

  @Test
  void givesAFindingInsteadOfRecipientsForOrdinaryMailAndJunk() {
    assertThat(explainer.explain(BounceFixtures.read("ordinary.eml")).findings())
        .extracting(Finding::codeId)
        .containsExactly("bounce.not-a-bounce");
    assertThat(explainer.explain(new byte[] {0, 1, 2, 3, 4, 5, 6}).findings())
        .extracting(Finding::codeId)
        .containsExactly("bounce.unreadable");
  }

  @Test
  void explainsABareReplyLine() {
    ExplainedRecipient e =
        explainer
            .explainReply(
                "550 5.1.1 <x@example.com>: Recipient address rejected: "
                    + "User unknown in virtual mailbox table")
            .recipients()
            .get(0);

    assertThat(e.reason()).isEqualTo(BounceReason.USERUNKNOWN);
    assertThat(e.recipient().replyCode()).isEqualTo(550);
    assertThat(e.recipient().status()).isEqualTo("5.1.1");
  }

  @Test
  void explainsVendorRepliesByTheirText() {
    assertThat(
            explainer
                .explainReply(
                    "421 4.7.28 Our system has detected an unusual rate of unsolicited mail")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.SPEEDING);
    assertThat(
            explainer
                .explainReply(
                    "550 5.7.26 Unauthenticated email from example.com is not accepted due to "
                        + "domain's DMARC policy")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.AUTHFAILURE);
    assertThat(
            explainer
                .explainReply(
                    "550 5.7.708 Service unavailable. Access denied, traffic not accepted from "
                        + "this IP")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.BLOCKED);
    assertThat(
            explainer
                .explainReply("552 5.2.2 The email account that you tried to reach is over quota")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.MAILBOXFULL);
    assertThat(
            explainer
                .explainReply("550 Message size exceed fixed maximum size")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.MESGTOOBIG);
    assertThat(explainer.explainReply("550 Host unknown").recipients().get(0).reason())
        .isEqualTo(BounceReason.HOSTUNKNOWN);
    assertThat(
            explainer
                .explainReply(
                    "550 5.1.1 Amazon SES has suppressed sending to this address because it has a "
                        + "recent history of bouncing as an invalid address")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.SUPPRESSED);
    assertThat(explainer.explainReply("550 Mail box full").recipients().get(0).reason())
        .isEqualTo(BounceReason.MAILBOXFULL);
    assertThat(explainer.explainReply("550 User unknown").recipients().get(0).hardBounce())
        .isTrue();
  }

  @Test
  void answersEveryCodeOfTheEnhancedStatusRegistry() {
    for (String code : EnhancedStatus.registry().keySet()) {
      if (code.contains("X.X") || code.endsWith(".X")) {
        continue;
      }
      for (String cls : new String[] {"4", "5"}) {
        String concrete = code.replaceFirst("^X", cls);
        BounceReport r = explainer.explainReply(concrete);
        assertThat(r.findings())
            .as(concrete)
            .noneMatch(f -> f.codeId().equals("bounce.unknown-code"));
        assertThat(r.recipients().get(0).explanation()).as(concrete).contains(concrete);
      }
    }
  }

  @Test
  void answersEveryReplyCodeOfTheRegistry() {
    SmtpReply.registry().values().stream()
        .filter(m -> m.protocol().equals("smtp") && !m.code().endsWith("XX"))
        .forEach(
            m ->
                assertThat(explainer.explainReply(m.code()).findings())
                    .as(m.code())
                    .noneMatch(f -> f.codeId().equals("bounce.unknown-code")));
  }

  @Test
  void saysWhenACodeIsUnknown() {
    assertThat(explainer.explainReply("hello world").findings())
        .extracting(Finding::codeId)
        .containsExactly("bounce.unknown-code");
  }

  private static byte[] dsn(String perRecipient, String human) {
    String m =
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\r\n"
            + "To: <sender@example.org>\r\n"
            + "Subject: Returned mail: see transcript for details\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\n"
            + human
            + "\r\n"
            + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Final-Recipient: rfc822; user@example.net\r\n"
            + perRecipient
            + "\r\n"
            + "--b1--\r\n";
    return m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aLocalDeliveryProgramFailureIsAMailerErrorWhateverItsStatus() {
    ExplainedRecipient e =
        explainer
            .explain(
                dsn(
                    "Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: x-unix; procmail: Couldn't create \"/var/mail/user\"\r\n",
                    "The mail system could not deliver your message."))
            .recipients()
            .get(0);

    assertThat(e.recipient().diagnosticType()).isEqualTo("X-UNIX");
    assertThat(e.reason()).isEqualTo(BounceReason.MAILERERROR);
  }

  @Test
  void theLocalDeliveryAgentsOwnLineDecidesOverTheSmtpSummary() {
    ExplainedRecipient e =
        explainer
            .explain(
                dsn(
                    "Action: failed\r\nStatus: 5.5.0\r\n",
                    "   ----- Transcript of session follows -----\r\nmail.local: unknown user: user\r\n"
                        + "554 <user@example.net>... Service unavailable"))
            .recipients()
            .get(0);

    assertThat(e.reason()).isEqualTo(BounceReason.USERUNKNOWN);
  }

  @Test
  void aStatusCommentStandsInForAMissingDiagnosticAndRefinesAPresentOne() {
    ExplainedRecipient lookup =
        explainer
            .explain(
                dsn(
                    "Action: delayed\r\nStatus: 4.0.0 (example.net: host name lookup failure)\r\n",
                    "Your message has not yet been delivered."))
            .recipients()
            .get(0);
    ExplainedRecipient disabled =
        explainer
            .explain(
                dsn(
                    "Action: failed\r\nStatus: 5.2.1 (mailbox disabled, not accepting messages)\r\n"
                        + "Diagnostic-Code: smtp; 550 5.2.1 <user@example.net>... User Unknown\r\n",
                    "Delivery failed."))
            .recipients()
            .get(0);

    assertThat(lookup.recipient().diagnostic()).isEqualTo("example.net: host name lookup failure");
    assertThat(lookup.reason()).isEqualTo(BounceReason.NETWORKERROR);
    assertThat(disabled.reason()).isEqualTo(BounceReason.SUSPEND);
  }

  @Test
  void sendmailTranscriptDialogueBelongsToTheRecipientLineAfterIt() {
    String m =
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\r\n"
            + "To: sender@example.org\r\nSubject: Returned mail: Unable to deliver mail\r\n\r\n"
            + "   ----- Transcript of session follows -----\r\n"
            + "While talking to mx.example.com:\r\n"
            + ">>> MAIL From:<sender@example.org>\r\n"
            + "<<< 550 Insecure Mail Relay\r\n"
            + "554 <one@example.com>... Remote protocol error\r\n"
            + "550 example.net (smtp)... 550 Host unknown\r\n"
            + "554 <two@example.net>... 550 Host unknown (Authoritative answer from name server)\r\n"
            + "   ----- Unsent message follows -----\r\n"
            + "From: sender@example.org\r\nTo: one@example.com\r\nSubject: hi\r\n\r\nhi\r\n";
    BounceReport r = explainer.explain(m.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(r.recipients())
        .extracting(e -> e.recipient().address())
        .containsExactly("one@example.com", "two@example.net");
    assertThat(r.recipients().get(0).recipient().command()).isEqualTo("MAIL");
    assertThat(r.recipients())
        .extracting(e -> e.reason().id())
        .containsExactly("norelaying", "hostunknown");
  }

  @Test
  void classifiesDocumentedVendorCodesAndClientRefusals() {
    assertThat(
            explainer
                .explainReply("550 5.1.0 sender rejected. AUP#In-1310")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.TOOMANYCONN);
    assertThat(
            explainer
                .explainReply("554 5.7.1 Client host rejected LPN000_630")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.POLICYVIOLATION);
    assertThat(
            explainer
                .explainReply("550 5.1.1 Invalid recipient. OFR_416 [416]")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.USERUNKNOWN);
    assertThat(
            explainer
                .explainReply(
                    "553 5.7.2 [TSS09] All messages from 192.0.2.25 will be permanently deferred")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.REJECTED);
    assertThat(
            explainer
                .explainReply("450 4.7.1 <host.example>: Helo command rejected: Host not found")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.BLOCKED);
    assertThat(
            explainer
                .explainReply("550 MSEXCH:IMS:EXAMPLE:SITE:SERVER 0 (000C0595) Ambiguous Recipient")
                .recipients()
                .get(0)
                .reason())
        .isEqualTo(BounceReason.FILTERED);
  }
}
