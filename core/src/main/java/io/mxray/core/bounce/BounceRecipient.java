package io.mxray.core.bounce;

import java.util.Objects;

/**
 * One recipient as a bounce reports it, before classification: the per-recipient fields of RFC 3464
 * §2.3 or what was recovered from a non-standard text. Empty strings mean "not stated"; {@code
 * replyCode} is 0 when no SMTP reply code appears.
 *
 * @param address the failed recipient (Final-Recipient, else Original-Recipient, else from the
 *     text)
 * @param action RFC 3464 §2.3.3 action (failed, delayed, delivered, relayed, expanded), lower-case
 * @param status RFC 3463 status x.y.z, as reported or as found in the text
 * @param replyCode RFC 5321 reply code found in the diagnostic
 * @param diagnostic the remote server's words (Diagnostic-Code without its type, or the bounce
 *     text)
 * @param remoteMta the server that answered (Remote-MTA), when known
 * @param command the SMTP command that failed (RCPT, DATA, MAIL, ...), when the text says so
 * @param diagnosticType the RFC 3464 §2.3.6 diagnostic type (SMTP, X-UNIX, X-POSTFIX), upper-case,
 *     empty if none was stated
 */
public record BounceRecipient(
    String address,
    String action,
    String status,
    int replyCode,
    String diagnostic,
    String remoteMta,
    String command,
    String diagnosticType) {

  public BounceRecipient {
    address = Objects.requireNonNullElse(address, "");
    action = Objects.requireNonNullElse(action, "");
    status = Objects.requireNonNullElse(status, "");
    diagnostic = Objects.requireNonNullElse(diagnostic, "");
    remoteMta = Objects.requireNonNullElse(remoteMta, "");
    command = Objects.requireNonNullElse(command, "");
    diagnosticType = Objects.requireNonNullElse(diagnosticType, "");
  }

  /** A recipient whose diagnostic has no stated type (text bounces). */
  public BounceRecipient(
      String address,
      String action,
      String status,
      int replyCode,
      String diagnostic,
      String remoteMta,
      String command) {
    this(address, action, status, replyCode, diagnostic, remoteMta, command, "");
  }
}
