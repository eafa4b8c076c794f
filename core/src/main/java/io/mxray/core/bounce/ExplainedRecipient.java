package io.mxray.core.bounce;

/**
 * One recipient with its classification and the plain-language explanation.
 *
 * @param recipient what the bounce said
 * @param reason the classified reason
 * @param hardBounce true when retrying cannot succeed (see {@link BounceReason#isHard})
 * @param explanation what happened, in plain language (reason text plus the registry meaning of the
 *     code)
 * @param advice what the sender should do, when to retry, and what the recipient's admin should
 *     check
 * @param rule id of the rule or row that decided the reason ({@code rules.tsv}, or a built-in
 *     {@code message:*} decision for feedback reports, auto-replies and unclassifiable input)
 */
public record ExplainedRecipient(
    BounceRecipient recipient,
    BounceReason reason,
    boolean hardBounce,
    String explanation,
    Advice advice,
    String rule) {

  /** The three audiences of the advice. */
  public record Advice(String retry, String sender, String recipientAdmin) {}
}
