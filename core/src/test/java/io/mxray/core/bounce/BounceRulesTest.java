package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BounceRulesTest {

  @Test
  void everyRuleHasAnIdAReasonAndASource() {
    assertThat(BounceRules.defaults().rules())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.id()).matches("[a-z0-9.-]+");
              assertThat(r.kind())
                  .isIn(
                      "text", "status", "reply", "action", "command", "dtype", "recipient", "from");
              assertThat(r.source()).isNotBlank();
            });
  }

  @Test
  void everyReasonHasAnExplanationAndAdvice() {
    for (BounceReason reason : BounceReason.values()) {
      ReasonTexts.Text t = ReasonTexts.of(reason);
      assertThat(t.explanation()).as(reason.id()).isNotBlank();
      assertThat(t.retry()).as(reason.id()).isNotBlank();
      assertThat(t.senderAdvice()).as(reason.id()).isNotBlank();
      assertThat(t.adminAdvice()).as(reason.id()).isNotBlank();
    }
  }

  @Test
  void statusPatternsMatchClassSubjectAndDetail() {
    assertThat(BounceRule.statusMatches("X.1.1", "5.1.1")).isTrue();
    assertThat(BounceRule.statusMatches("X.1.1", "4.1.1")).isTrue();
    assertThat(BounceRule.statusMatches("X.1.1", "5.1.10")).isFalse();
    assertThat(BounceRule.statusMatches("X.7.*", "5.7.26")).isTrue();
    assertThat(BounceRule.statusMatches("4.4.1", "5.4.1")).isFalse();
    assertThat(BounceRule.replyMatches("5XX", 550)).isTrue();
    assertThat(BounceRule.replyMatches("50X", 554)).isFalse();
  }

  @Test
  void hardBouncesAreOnlyPermanentAddressFailures() {
    assertThat(BounceReason.USERUNKNOWN.isHard("5.1.1", 550)).isTrue();
    assertThat(BounceReason.NOTACCEPT.isHard("5.1.10", 556)).isTrue();
    assertThat(BounceReason.NOTACCEPT.isHard("4.3.2", 421)).isFalse();
    assertThat(BounceReason.MAILBOXFULL.isHard("5.2.2", 552)).isFalse();
  }
}
