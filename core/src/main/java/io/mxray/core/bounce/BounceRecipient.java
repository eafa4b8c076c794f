package io.mxray.core.bounce;

import java.util.Objects;

/**
 * One recipient as a bounce reports it, before classification: the per-recipient fields of RFC 3464
 * §2.3 or what was recovered from a non-standard text, each taken from this recipient's own block
 * or lines only. Empty strings mean "not stated"; {@code replyCode} is 0 when no SMTP reply code
 * appears.
 *
 * @param address the failed recipient (Final-Recipient, else Original-Recipient, else from the
 *     text)
 * @param action RFC 3464 §2.3.3 action (failed, delayed, delivered, relayed, expanded), lower-case
 * @param status RFC 3463 status x.y.z: the remote server's own code when its reply carries one
 *     (more specific than a generic {@code Status: 5.0.0}), else the reported Status
 * @param replyCode RFC 5321 reply code found in the diagnostic
 * @param diagnostic the remote server's words (Diagnostic-Code without its type, or the bounce
 *     text)
 * @param remoteMta the server that answered (Remote-MTA, or the host named in the text), when known
 * @param command the SMTP command that failed (CONN, EHLO, HELO, MAIL, RCPT, DATA), when stated
 * @param diagnosticType the RFC 3464 §2.3.6 diagnostic type (SMTP, X-UNIX, X-POSTFIX), upper-case,
 *     empty if none was stated
 * @param originalRecipient the address the sender used (RFC 3464 §2.3.1 Original-Recipient, or an
 *     alias named in the text) when it differs from {@code address}, else empty
 * @param reportingMta the MTA that wrote the report (RFC 3464 §2.2.2 Reporting-MTA), when known
 * @param bounceType a vendor's own machine-readable classification of this recipient (Amazon SES
 *     {@code Permanent/NoEmail}), when the bounce carries one
 */
public record BounceRecipient(
    String address,
    String action,
    String status,
    int replyCode,
    String diagnostic,
    String remoteMta,
    String command,
    String diagnosticType,
    String originalRecipient,
    String reportingMta,
    String bounceType) {

  public BounceRecipient {
    address = Objects.requireNonNullElse(address, "");
    action = Objects.requireNonNullElse(action, "");
    status = Objects.requireNonNullElse(status, "");
    diagnostic = Objects.requireNonNullElse(diagnostic, "");
    remoteMta = Objects.requireNonNullElse(remoteMta, "");
    command = Objects.requireNonNullElse(command, "");
    diagnosticType = Objects.requireNonNullElse(diagnosticType, "");
    originalRecipient = Objects.requireNonNullElse(originalRecipient, "");
    reportingMta = Objects.requireNonNullElse(reportingMta, "");
    bounceType = Objects.requireNonNullElse(bounceType, "");
    if (originalRecipient.equalsIgnoreCase(address)) {
      originalRecipient = "";
    }
  }

  /** A recipient whose diagnostic has a stated type and no further details. */
  public BounceRecipient(
      String address,
      String action,
      String status,
      int replyCode,
      String diagnostic,
      String remoteMta,
      String command,
      String diagnosticType) {
    this(
        address,
        action,
        status,
        replyCode,
        diagnostic,
        remoteMta,
        command,
        diagnosticType,
        "",
        "",
        "");
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

  /** The same recipient with the reporting MTA filled in when it had none. */
  BounceRecipient withReportingMta(String mta) {
    return reportingMta.isEmpty() && !mta.isEmpty()
        ? new BounceRecipient(
            address,
            action,
            status,
            replyCode,
            diagnostic,
            remoteMta,
            command,
            diagnosticType,
            originalRecipient,
            mta,
            bounceType)
        : this;
  }
}
