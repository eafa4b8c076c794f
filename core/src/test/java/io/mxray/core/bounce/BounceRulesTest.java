package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BounceRulesTest {

  private static final BounceRules RULES = BounceRules.defaults();

  /**
   * Every row earns its place: its example line is decided by that very row, so the row matches
   * what it claims and no earlier row shadows it.
   */
  @TestFactory
  Stream<DynamicTest> everyRuleDecidesItsOwnExampleAndNoEarlierRowShadowsIt() {
    return RULES.rules().stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.qualifiedId(),
                    () -> {
                      assertThat(r.example()).as("example of %s", r.id()).isNotBlank();
                      Optional<BounceRule> hit =
                          RULES.match(RuleExample.parse(r.example()).evidence());
                      assertThat(hit.map(BounceRule::qualifiedId))
                          .as("rule deciding the example of %s: %s", r.id(), r.example())
                          .contains(r.qualifiedId());
                    }));
  }

  @Test
  void everyRuleHasAnIdATierAReasonAndASource() {
    assertThat(RULES.rules())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.id()).matches("[a-z0-9.-]+");
              assertThat(r.kind())
                  .isIn(
                      "text",
                      "status",
                      "reply",
                      "action",
                      "command",
                      "dtype",
                      "recipient",
                      "bouncetype");
              assertThat(r.citations()).as(r.id()).isNotEmpty();
            });
  }

  /**
   * A source is a vendor page (a URL), an RFC section, a named public reference, or a corpus group
   * named by its file-name prefix.
   */
  @Test
  void everyCitationIsAUrlAnRfcOrACorpusGroup() {
    List<String> bad = new ArrayList<>();
    for (BounceRule r : RULES.rules()) {
      for (String c : r.citations()) {
        boolean ok =
            c.startsWith("https://")
                || c.startsWith("http://")
                || c.matches("RFC \\d{3,4}.*")
                || c.matches("corpus:[a-z0-9-]+(,[a-z0-9-]+)*")
                || c.startsWith("IANA ")
                || c.startsWith("Sendmail ")
                || c.startsWith("Microsoft Exchange");
        if (!ok) {
          bad.add(r.id() + ": " + c);
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void tiersComeInTheOrderOfEvidence() {
    BounceRule.Tier last = BounceRule.Tier.LOCAL;
    for (BounceRule r : RULES.rules()) {
      assertThat(r.tier()).as(r.id()).isGreaterThanOrEqualTo(last);
      last = r.tier();
    }
  }

  @Test
  void leaveOneSourceOutDropsOnlyRulesWhoseSoleSourceIsThatGroup() {
    BounceRule onlyDocomo =
        new BounceRule(
            "x",
            BounceRule.Tier.VENDOR,
            "text",
            "x",
            "",
            BounceReason.REJECTED,
            "x",
            "corpus:rhost-nttdocomo",
            "");
    BounceRule twoGroups =
        new BounceRule(
            "y",
            BounceRule.Tier.PHRASE,
            "text",
            "y",
            "",
            BounceReason.REJECTED,
            "y",
            "corpus:lhost-exim,lhost-postfix",
            "");
    BounceRule documented =
        new BounceRule(
            "z",
            BounceRule.Tier.PHRASE,
            "text",
            "z",
            "",
            BounceReason.REJECTED,
            "z",
            "RFC 3463 §3.2 | corpus:arf",
            "");
    assertThat(onlyDocomo.availableWithout("rhost-nttdocomo")).isFalse();
    assertThat(onlyDocomo.availableWithout("lhost-postfix")).isTrue();
    assertThat(twoGroups.availableWithout("lhost-exim")).isTrue();
    assertThat(documented.availableWithout("arf")).isTrue();
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
    assertThat(BounceRule.statusMatches("X.7.2[0-4]", "5.7.23")).isTrue();
    assertThat(BounceRule.statusMatches("X.7.2[0-4]", "5.7.26")).isFalse();
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

  @Test
  void aHardVerdictFromACodeAloneYieldsWhenTheTextNamesASenderSideCause() {
    Optional<BounceRule> godaddy =
        RULES.match(
            RuleExample.parse(
                    "550 5.1.1 <someone@example.com> - 192.0.2.10 has sent to too many recipients this hour.")
                .evidence());
    Optional<BounceRule> plain =
        RULES.match(
            RuleExample.parse("550 5.1.1 <someone@example.com>: no such mailbox").evidence());
    assertThat(godaddy.map(BounceRule::reason)).contains(BounceReason.SPEEDING);
    assertThat(plain.map(BounceRule::qualifiedId)).contains("status:status-x.1.1");
  }
}
