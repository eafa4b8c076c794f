package io.mxray.reports.html;

/**
 * One recipient of a bounce (template partial {@code parts/recipients.hbs}): what the receiving
 * server said and what it means. Built by the bounce explainer's renderer from its own result type.
 *
 * @param action the DSN action (failed, delayed, delivered, relayed, expanded; RFC 3464 §2.3.3)
 * @param status the enhanced status code (RFC 3463), e.g. 5.1.1
 * @param diagnostic the remote server's words (attacker controlled)
 * @param permanent true for a hard bounce (do not retry), false for a soft one
 * @param rule the id of the rule that produced the explanation (every explanation names its rule)
 */
public record RecipientView(
    String recipient,
    String action,
    String status,
    String diagnostic,
    boolean permanent,
    String reason,
    String explanation,
    String remediation,
    String rule) {

  public String kind() {
    return permanent ? "Hard bounce" : "Soft bounce";
  }

  public String severity() {
    return permanent ? "fail" : "warn";
  }
}
