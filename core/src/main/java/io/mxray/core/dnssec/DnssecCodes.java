package io.mxray.core.dnssec;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the DNSSEC check. */
public enum DnssecCodes implements FindingCode {
  SECURE(
      "dnssec.secure",
      Severity.PASS,
      RfcRef.rfc(4033, "5"),
      "The domain's answers validate from the trust anchor (DNSSEC secure)."),
  UNSIGNED(
      "dnssec.unsigned",
      Severity.INFO,
      RfcRef.rfc(4033, "5"),
      "The domain is not signed (DNSSEC insecure): its records, and DANE for its MX hosts, cannot be authenticated."),
  BOGUS(
      "dnssec.bogus",
      Severity.FAIL,
      RfcRef.rfc(4035, "5.5"),
      "DNSSEC validation fails (bogus): validating resolvers answer SERVFAIL, so mail to the domain fails."),
  NOT_VALIDATED(
      "dnssec.not-validated",
      Severity.INFO,
      RfcRef.rfc(4033, "5"),
      "The zone publishes DNSKEY records but no validating resolver was available (e.g. zone-file mode)."),
  INDETERMINATE(
      "dnssec.indeterminate",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(4033, "5"),
      "Validation could not be completed (timeout, upstream failure); the DNSSEC status is unknown.");

  private final CodeInfo info;

  DnssecCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
