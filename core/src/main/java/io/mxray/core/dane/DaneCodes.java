package io.mxray.core.dane;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** DANE for SMTP (RFC 7672) findings. */
public enum DaneCodes implements FindingCode {
  OK(
      "dane.ok",
      Severity.PASS,
      RfcRef.rfc(7672, "2.2"),
      "TLSA records are DNSSEC-secure and match the certificate the MX presents."),
  MISSING(
      "dane.missing",
      Severity.INFO,
      RfcRef.rfc(7672, "2.2"),
      "No TLSA records for an MX: senders cannot authenticate it with DANE."),
  MISMATCH(
      "dane.mismatch",
      Severity.FAIL,
      RfcRef.rfc(7672, "3.1"),
      "No usable TLSA record matches the certificate chain the MX presents: DANE senders will not deliver."),
  INSECURE(
      "dane.insecure",
      Severity.WARN,
      RfcRef.rfc(7672, "2.2"),
      "TLSA records are published but they (or the MX host's address records) are not DNSSEC-secure: senders ignore"
          + " them."),
  BOGUS(
      "dane.bogus",
      Severity.FAIL,
      RfcRef.rfc(7672, "2.1.1"),
      "DNSSEC validation of the TLSA records, the MX host's addresses or the MX records fails: DANE senders defer"
          + " mail."),
  INDETERMINATE(
      "dane.indeterminate",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7672, "2.1.1"),
      "The validator could not tell whether the TLSA records are DNSSEC-secure (timeout, upstream failure)."),
  NO_ROLLOVER(
      "dane.no-rollover",
      Severity.WARN,
      RfcRef.rfc(7671, "8.1"),
      "Only one usable TLSA record and no TA+EE pair: the next key or certificate change breaks delivery."),
  UNUSABLE_USAGE(
      "dane.unusable-usage",
      Severity.WARN,
      RfcRef.rfc(7672, "3.1.3"),
      "A TLSA record uses PKIX-TA(0) or PKIX-EE(1), which SMTP senders treat as unusable."),
  INVALID(
      "dane.invalid",
      Severity.WARN,
      RfcRef.rfc(6698, "2.1"),
      "A TLSA record has an unknown selector or matching type, or data of the wrong length.");

  private final CodeInfo info;

  DaneCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
