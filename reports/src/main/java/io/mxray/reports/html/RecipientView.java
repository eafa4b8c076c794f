package io.mxray.reports.html;

/**
 * One recipient of a bounce (template partial {@code parts/recipients.hbs}): what the receiving
 * server said, what it means, and the details a list manager matches it by. Built by {@link
 * BounceHtml} from the bounce explainer's result; every value is rendered escaped.
 *
 * @param action the DSN action (failed, delayed, delivered, relayed, expanded; RFC 3464 §2.3.3)
 * @param status the enhanced status code (RFC 3463), e.g. 5.1.1
 * @param diagnostic the remote server's words (attacker controlled)
 * @param permanent true for a hard bounce (do not retry), false for a soft one
 * @param notAFailure a delivery notice, feedback report or auto-reply
 * @param rule the id of the rule that produced the explanation (every explanation names its rule)
 * @param originalRecipient the alias or list the sender used, when it differs from the recipient
 * @param dedupKey the de-duplication key (docs/bounce.md)
 */
public record RecipientView(
    String recipient,
    String action,
    String status,
    String diagnostic,
    boolean permanent,
    boolean notAFailure,
    String reason,
    String explanation,
    String remediation,
    String rule,
    String replyCode,
    String command,
    String remoteMta,
    String reportingMta,
    String originalRecipient,
    String messageId,
    String sender,
    String originalSubject,
    String listId,
    String date,
    String dedupKey) {

  public String kind() {
    return notAFailure ? "Not a failure" : permanent ? "Hard bounce" : "Soft bounce";
  }

  public String severity() {
    return notAFailure ? "info" : permanent ? "fail" : "warn";
  }
}
