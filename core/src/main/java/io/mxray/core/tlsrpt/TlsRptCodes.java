package io.mxray.core.tlsrpt;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the TLS-RPT check. */
public enum TlsRptCodes implements FindingCode {
  OK(
      "tlsrpt.ok",
      Severity.PASS,
      RfcRef.rfc(8460, "3"),
      "A valid TLS-RPT record names where TLS failure reports go."),
  MISSING(
      "tlsrpt.missing",
      Severity.INFO,
      RfcRef.rfc(8460, "3"),
      "No TLS-RPT record: nobody hears about senders' TLS failures (WARN when MTA-STS is published)."),
  INVALID(
      "tlsrpt.invalid",
      Severity.FAIL,
      RfcRef.rfc(8460, "3"),
      "The TLS-RPT record is malformed or published more than once; senders send no reports.");

  private final CodeInfo info;

  TlsRptCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
