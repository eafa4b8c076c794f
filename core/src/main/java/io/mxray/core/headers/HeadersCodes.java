package io.mxray.core.headers;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/**
 * Findings of message (header) analysis: input problems, the Received chain, identity headers,
 * auth.
 */
public enum HeadersCodes implements FindingCode {
  NONE(
      "headers.none",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5322, "2.2"),
      "The input holds no header fields; paste the full headers (or the whole message, e.g. an .eml file)."),
  BINARY(
      "headers.binary-input",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5322, "2.1"),
      "The input is binary data, not an Internet message."),
  TRUNCATED(
      "headers.input-truncated",
      Severity.WARN,
      RfcRef.rfc(5322, "2.1"),
      "The input is larger than the analysis cap; only its beginning was analysed."),
  TOO_MANY_FIELDS(
      "headers.too-many-fields",
      Severity.WARN,
      RfcRef.rfc(5322, "2.2"),
      "The message has more header fields than the analysis cap; the rest were ignored."),
  UNPARSED_LINES(
      "headers.unparsed-lines",
      Severity.INFO,
      RfcRef.rfc(5322, "2.2"),
      "Some header lines are not fields (no colon, invalid name) and were skipped."),
  INVALID_ENCODED_WORD(
      "headers.invalid-encoded-word",
      Severity.INFO,
      RfcRef.rfc(2047, "6.3"),
      "A header holds an RFC 2047 encoded word that could not be decoded (unknown charset or bad data)."),
  RAW_8BIT(
      "headers.raw-8bit",
      Severity.INFO,
      RfcRef.rfc(6532, "3.2"),
      "A header holds raw 8-bit text instead of RFC 2047 encoded words; fine only over SMTPUTF8."),
  NO_RECEIVED(
      "headers.no-received",
      Severity.INFO,
      RfcRef.rfc(5321, "4.4"),
      "There are no Received headers: the message was not delivered over SMTP, or they were stripped."),
  RECEIVED_UNREADABLE(
      "headers.received-unreadable",
      Severity.INFO,
      RfcRef.rfc(5321, "4.4"),
      "A Received header has neither from/by clauses nor a readable date."),
  TOO_MANY_HOPS(
      "headers.too-many-hops",
      Severity.WARN,
      RfcRef.rfc(5321, "6.3"),
      "The message has a very large number of Received headers: a mail loop, or a malformed message."),
  NEGATIVE_DELAY(
      "headers.negative-delay",
      Severity.WARN,
      RfcRef.rfc(5321, "4.4"),
      "A hop's time stamp is out of line with its neighbours (stamped before the previous hop): a server clock or time-zone offset is wrong; the finding names the hop and the gap is not counted as delay."),
  SLOW_HOP(
      "headers.slow-hop",
      Severity.WARN,
      RfcRef.rfc(5321, "4.5.4.1"),
      "A hop took five minutes or more: the message waited in a queue (greylisting, retries, filtering)."),
  ORIGIN_IP(
      "headers.origin-ip",
      Severity.INFO,
      RfcRef.rfc(5321, "4.4"),
      "The address that handed the message to the receiving organisation, as recorded in Received."),
  NO_ORIGIN_IP(
      "headers.no-origin-ip",
      Severity.INFO,
      RfcRef.rfc(5321, "4.4"),
      "No external sending address is recorded in the Received headers."),
  HOP_WITHOUT_TLS(
      "headers.hop-without-tls",
      Severity.WARN,
      RfcRef.rfc(8314, "3"),
      "A hop between organisations was not encrypted (no TLS recorded)."),
  DATE_MISSING(
      "headers.date-missing",
      Severity.WARN,
      RfcRef.rfc(5322, "3.6"),
      "The message has no Date header."),
  DATE_INVALID(
      "headers.date-invalid",
      Severity.WARN,
      RfcRef.rfc(5322, "3.3"),
      "The Date header cannot be read as an RFC 5322 date."),
  DATE_SKEW(
      "headers.date-skew",
      Severity.WARN,
      RfcRef.rfc(5322, "3.6.1"),
      "The Date header is far from the first Received time: the sender's clock is wrong."),
  MESSAGE_ID_MISSING(
      "headers.message-id-missing",
      Severity.WARN,
      RfcRef.rfc(5322, "3.6.4"),
      "The message has no Message-ID header; large receivers reject or junk such mail."),
  MESSAGE_ID_INVALID(
      "headers.message-id-invalid",
      Severity.WARN,
      RfcRef.rfc(5322, "3.6.4"),
      "The Message-ID is not of the form <left@right>, or there are several."),
  FROM_INVALID(
      "headers.from-invalid",
      Severity.FAIL,
      RfcRef.rfc(7489, "6.6.1"),
      "There must be exactly one From header with exactly one address for DMARC to apply."),
  SPF_NOT_EVALUATED(
      "headers.spf-not-evaluated",
      Severity.INFO,
      RfcRef.rfc(7208, "2.3"),
      "SPF was not re-evaluated here; the receiver's recorded result is shown when there is one."),
  SPF_PASS(
      "headers.spf-pass",
      Severity.PASS,
      RfcRef.rfc(7208, "2.6.3"),
      "SPF authorises the origin IP for the envelope sender (Return-Path) domain."),
  SPF_FAIL(
      "headers.spf-fail",
      Severity.FAIL,
      RfcRef.rfc(7208, "2.6.4"),
      "SPF does not authorise the origin IP for the envelope sender domain (fail or softfail)."),
  SPF_ERROR(
      "headers.spf-error",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7208, "2.6.6"),
      "SPF evaluation ended in a temporary or permanent error."),
  DMARC_NOT_EVALUATED(
      "headers.dmarc-not-evaluated",
      Severity.INFO,
      RfcRef.rfc(7489, "6.6"),
      "The From domain's DMARC policy was not looked up here; alignment is still shown."),
  DMARC_PASS(
      "headers.dmarc-pass",
      Severity.PASS,
      RfcRef.rfc(7489, "4.2"),
      "DMARC passes: SPF or DKIM passed for a domain aligned with the From domain."),
  DMARC_FAIL(
      "headers.dmarc-fail",
      Severity.FAIL,
      RfcRef.rfc(7489, "4.2"),
      "DMARC fails: neither SPF nor DKIM passed for a domain aligned with the From domain."),
  DMARC_UNALIGNED(
      "headers.dmarc-unaligned",
      Severity.WARN,
      RfcRef.rfc(7489, "3.1"),
      "No passing DKIM signature is aligned with the From domain; DMARC would pass only through aligned SPF."),
  RECEIVER_AUTH_FAIL(
      "headers.receiver-auth-fail",
      Severity.WARN,
      RfcRef.rfc(8601, "2.7"),
      "The receiving server recorded an authentication failure (spf, dkim, dmarc or arc) in Authentication-Results."),
  ANTISPAM_SPAM(
      "headers.antispam-spam",
      Severity.WARN,
      RfcRef.doc("Microsoft 365", "anti-spam message headers"),
      "The receiver's filter classified the message as spam, phishing or malware."),
  ANTISPAM_BULK(
      "headers.antispam-bulk",
      Severity.INFO,
      RfcRef.doc("Microsoft 365", "bulk complaint level"),
      "The receiver rated the message as bulk mail (BCL 4 or more)."),
  SENDER_REQUIREMENTS_MET(
      "headers.sender-requirements-met",
      Severity.PASS,
      RfcRef.doc("Gmail/Yahoo 2024, Microsoft 2025", "bulk sender requirements"),
      "Every bulk-sender requirement that could be checked is met."),
  SENDER_REQUIREMENTS_UNMET(
      "headers.sender-requirements-unmet",
      Severity.WARN,
      RfcRef.doc("Gmail/Yahoo 2024, Microsoft 2025", "bulk sender requirements"),
      "The message misses bulk-sender requirements of Gmail, Yahoo or Microsoft; bulk mail like it gets"
          + " rejected (INFO when the message does not look like bulk mail).");

  private final CodeInfo info;

  HeadersCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
