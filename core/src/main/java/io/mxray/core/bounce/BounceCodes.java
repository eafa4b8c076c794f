package io.mxray.core.bounce;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the bounce explainer ({@code mxray bounce}, {@code mxray explain}). */
public enum BounceCodes implements FindingCode {
  HARD_BOUNCE(
      "bounce.hard",
      Severity.FAIL,
      RfcRef.rfc(3463, "3.1"),
      "A recipient failed permanently: the address, domain or mailbox cannot receive mail; do not retry."),
  SOFT_BOUNCE(
      "bounce.soft",
      Severity.WARN,
      RfcRef.rfc(3463, "3.1"),
      "A recipient was refused or delayed for a reason that can change (policy, quota, reputation, network)."),
  DELIVERED(
      "bounce.delivered",
      Severity.INFO,
      RfcRef.rfc(3464, "2.3.3"),
      "The notice reports a successful delivery, relay or expansion, not a failure."),
  FEEDBACK(
      "bounce.feedback",
      Severity.WARN,
      RfcRef.rfc(5965, "3"),
      "The message is an ARF feedback report: a recipient complained about (or a receiver reported) a message."),
  AUTO_REPLY(
      "bounce.auto-reply",
      Severity.INFO,
      RfcRef.rfc(3834, "5"),
      "The message is an automatic reply (out of office, vacation), not a bounce; the message was delivered."),
  UNCLASSIFIED(
      "bounce.unclassified",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(3463, "3.1"),
      "A recipient failed but neither the status code nor the text says why (reason onhold or undefined)."),
  NOT_A_BOUNCE(
      "bounce.not-a-bounce",
      Severity.INFO,
      RfcRef.rfc(3464, "2"),
      "The message is neither a delivery status notification nor a recognisable bounce text."),
  UNREADABLE(
      "bounce.unreadable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5322, "2.1"),
      "The input is not a mail message (binary data, empty, or no header section)."),
  TRUNCATED(
      "bounce.truncated",
      Severity.INFO,
      RfcRef.rfc(3464, "2"),
      "The input was larger than the size cap; only its beginning was read."),
  UNKNOWN_CODE(
      "bounce.unknown-code",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5248, "2.4"),
      "The code given to 'mxray explain' is neither a registered enhanced status code nor a reply code.");

  private final CodeInfo info;

  BounceCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
