package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Finding;
import org.junit.jupiter.api.Test;

class BounceExplainerTest {

  private final BounceExplainer explainer = new BounceExplainer();

  @Test
  void classifiesEachDsnRecipientAndNamesTheRule() {
    BounceReport r = explainer.explain(BounceFixtures.read("dsn-two-recipients.eml"));

    assertThat(r.recipients()).extracting(e -> e.reason().id()).containsExactly("userunknown", "mailboxfull");
    assertThat(r.recipients()).extracting(ExplainedRecipient::hardBounce).containsExactly(true, false);
    assertThat(r.recipients()).allSatisfy(e -> {
      assertThat(e.rule()).isNotBlank();
      assertThat(e.explanation()).isNotBlank();
      assertThat(e.advice().sender()).isNotBlank();
    });
    assertThat(r.findings()).extracting(Finding::codeId).containsExactly("bounce.hard", "bounce.soft");
  }

  @Test
  void explainsTextOnlyBounces() {
    BounceReport r = explainer.explain(BounceFixtures.read("qmail-text.eml"));

    assertThat(r.recipients()).extracting(e -> e.reason().id()).containsExactly("userunknown", "mesgtoobig");
  }

  @Test
  void reportsFeedbackAndVacationAsNotFailures() {
    assertThat(explainer.explain(BounceFixtures.read("arf.eml")).recipients())
        .extracting(e -> e.reason().id()).containsExactly("feedback");
    BounceReport vacation = explainer.explain(BounceFixtures.read("vacation.eml"));
    assertThat(vacation.recipients()).extracting(e -> e.reason().id()).containsExactly("vacation");
    assertThat(vacation.findings()).extracting(Finding::codeId).containsExactly("bounce.auto-reply");
  }

  @Test
  void givesAFindingInsteadOfRecipientsForOrdinaryMailAndJunk() {
    assertThat(explainer.explain(BounceFixtures.read("ordinary.eml")).findings())
        .extracting(Finding::codeId).containsExactly("bounce.not-a-bounce");
    assertThat(explainer.explain(new byte[] {0, 1, 2, 3, 4, 5, 6}).findings())
        .extracting(Finding::codeId).containsExactly("bounce.unreadable");
  }

  @Test
  void explainsABareReplyLine() {
    ExplainedRecipient e = explainer.explainReply("550 5.1.1 <x@example.com>: Recipient address rejected: "
        + "User unknown in virtual mailbox table").recipients().get(0);

    assertThat(e.reason()).isEqualTo(BounceReason.USERUNKNOWN);
    assertThat(e.recipient().replyCode()).isEqualTo(550);
    assertThat(e.recipient().status()).isEqualTo("5.1.1");
  }

  @Test
  void explainsVendorRepliesByTheirText() {
    assertThat(explainer.explainReply("421 4.7.28 Our system has detected an unusual rate of unsolicited mail")
        .recipients().get(0).reason()).isEqualTo(BounceReason.SPEEDING);
    assertThat(explainer.explainReply("550 5.7.26 Unauthenticated email from example.com is not accepted due to "
        + "domain's DMARC policy").recipients().get(0).reason()).isEqualTo(BounceReason.AUTHFAILURE);
    assertThat(explainer.explainReply("550 5.7.708 Service unavailable. Access denied, traffic not accepted from "
        + "this IP").recipients().get(0).reason()).isEqualTo(BounceReason.BLOCKED);
    assertThat(explainer.explainReply("552 5.2.2 The email account that you tried to reach is over quota")
        .recipients().get(0).reason()).isEqualTo(BounceReason.MAILBOXFULL);
    assertThat(explainer.explainReply("550 Message size exceed fixed maximum size").recipients().get(0).reason())
        .isEqualTo(BounceReason.MESGTOOBIG);
    assertThat(explainer.explainReply("550 Host unknown").recipients().get(0).reason())
        .isEqualTo(BounceReason.HOSTUNKNOWN);
    assertThat(explainer.explainReply("550 5.1.1 Amazon SES has suppressed sending to this address because it has a "
        + "recent history of bouncing as an invalid address").recipients().get(0).reason())
        .isEqualTo(BounceReason.SUPPRESSED);
    assertThat(explainer.explainReply("550 Mail box full").recipients().get(0).reason())
        .isEqualTo(BounceReason.MAILBOXFULL);
    assertThat(explainer.explainReply("550 User unknown").recipients().get(0).hardBounce()).isTrue();
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
        assertThat(r.findings()).as(concrete).noneMatch(f -> f.codeId().equals("bounce.unknown-code"));
        assertThat(r.recipients().get(0).explanation()).as(concrete).contains(concrete);
      }
    }
  }

  @Test
  void answersEveryReplyCodeOfTheRegistry() {
    SmtpReply.registry().values().stream().filter(m -> m.protocol().equals("smtp") && !m.code().endsWith("XX"))
        .forEach(m -> assertThat(explainer.explainReply(m.code()).findings()).as(m.code())
            .noneMatch(f -> f.codeId().equals("bounce.unknown-code")));
  }

  @Test
  void saysWhenACodeIsUnknown() {
    assertThat(explainer.explainReply("hello world").findings()).extracting(Finding::codeId)
        .containsExactly("bounce.unknown-code");
  }
}
