package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One classifier for {@code mxray bounce} and {@code mxray explain}: a sentence pasted into explain
 * gets the reason the same sentence gets as the only words of a bounce; and where a vendor gives a
 * code or reply a meaning of its own, the explanation uses that meaning.
 */
class BounceExplainConsistencyTest {

  private final BounceExplainer explainer = new BounceExplainer();

  /** A minimal DSN whose only words are {@code line}, with no command, MTA or other context. */
  static byte[] dsnOf(String line) {
    String status = DeliveryStatus.effectiveStatus("", line);
    String m =
        "From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.org\r\n"
            + "Subject: Delivery report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nA message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Final-Recipient: rfc822; someone@example.com\r\nAction: failed\r\n"
            + (status.isEmpty() ? "" : "Status: " + status + "\r\n")
            + "Diagnostic-Code: smtp; "
            + line
            + "\r\n\r\n--b--\r\n";
    return m.getBytes(StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> everyRuleExampleGetsTheSameReasonFromBounceAndExplain() {
    return BounceRules.defaults().rules().stream()
        .filter(r -> !r.example().startsWith("["))
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.qualifiedId(),
                    () -> {
                      ExplainedRecipient explained =
                          explainer.explainReply(r.example()).recipients().get(0);
                      ExplainedRecipient bounced =
                          explainer.explain(dsnOf(r.example())).recipients().get(0);
                      assertThat(bounced.reason()).as(r.example()).isEqualTo(explained.reason());
                      assertThat(bounced.rule()).as(r.example()).isEqualTo(explained.rule());
                    }));
  }

  private ExplainedRecipient explain(String line) {
    return explainer.explainReply(line).recipients().get(0);
  }

  private static String meaningOf(String ruleId) {
    return BounceRules.defaults().byId(ruleId).orElseThrow().meaning();
  }

  @Test
  void microsoftsIpReputationDeferralIsExplainedAsReputationNotSpeed() {
    ExplainedRecipient e =
        explain(
            "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.");

    assertThat(e.rule()).isEqualTo("vendor:ms-ip-reputation");
    assertThat(e.reason()).isEqualTo(BounceReason.BADREPUTATION);
    assertThat(e.explanation()).startsWith(meaningOf("ms-ip-reputation"));
  }

  @Test
  void microsoftsDirectoryBlockingIsExplainedWithoutRfc3463sNoAnswerFromHost() {
    ExplainedRecipient e =
        explain("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)");
    String rfcMeaning =
        EnhancedStatus.parse("5.4.1").flatMap(EnhancedStatus::entry).orElseThrow().meaning();

    assertThat(e.rule()).isEqualTo("vendor:ms-dbeb-5.4.1");
    assertThat(e.reason()).isEqualTo(BounceReason.USERUNKNOWN);
    assertThat(e.explanation()).startsWith(meaningOf("ms-dbeb-5.4.1")).doesNotContain(rfcMeaning);
  }

  @Test
  void aBareCodeListsTheVendorsThatRedefineIt() {
    ExplainedRecipient e = explain("5.4.1");

    assertThat(e.reason()).isEqualTo(BounceReason.NETWORKERROR);
    assertThat(e.explanation()).contains(meaningOf("ms-dbeb-5.4.1"));
    assertThat(BounceRules.defaults().vendorMeanings("5.4.1"))
        .extracting(BounceRule::id)
        .contains("ms-dbeb-5.4.1");
  }

  @Test
  void tooManyRecipientsIsExplainedAsRecipientsNotConnections() {
    ExplainedRecipient e = explain("552 Too many recipients");

    assertThat(e.rule()).isEqualTo("phrase:too-many-recipients");
    assertThat(e.explanation()).startsWith(meaningOf("too-many-recipients"));
  }

  @Test
  void aTransientReplyIsNeverADeliveryWhateverTheActionSays() {
    BounceRecipient r =
        new BounceRecipient(
            "a@example.com", "delivered", "4.3.0", 451, "451 4.3.0 Temporary failure", "", "");
    assertThat(BounceExplainer.isDelivery(r)).isFalse();
    assertThat(explain("451 4.3.0 Temporary failure").reason()).isEqualTo(BounceReason.SYSTEMERROR);
  }
}
