package io.mxray.core.bounce;

/**
 * One recipient with its classification and the plain-language explanation.
 *
 * @param recipient what the bounce said
 * @param reason the classified reason
 * @param hardBounce true when retrying cannot succeed (see {@link BounceReason#isHard})
 * @param explanation what happened, in plain language (the deciding rule's own meaning when it has
 *     one, the reason text, the registry meaning of the codes)
 * @param advice what the sender should do, when to retry, and what the recipient's admin should
 *     check
 * @param rule {@code <tier>:<id>} of the rule that decided the reason ({@code rules.tsv}), or a
 *     built-in {@code message:*} decision for feedback reports, auto-replies, deliveries and
 *     unclassifiable input
 * @param dedupKey a stable key for de-duplication ({@link DedupKey}): the same event for the same
 *     recipient and original message gives the same key however often the bounce is received
 */
public record ExplainedRecipient(
    BounceRecipient recipient,
    BounceReason reason,
    boolean hardBounce,
    String explanation,
    Advice advice,
    String rule,
    String dedupKey) {

  /** The three audiences of the advice. */
  public record Advice(String retry, String sender, String recipientAdmin) {}

  /** Without a de-duplication key (no message context). */
  public ExplainedRecipient(
      BounceRecipient recipient,
      BounceReason reason,
      boolean hardBounce,
      String explanation,
      Advice advice,
      String rule) {
    this(recipient, reason, hardBounce, explanation, advice, rule, "");
  }
}
