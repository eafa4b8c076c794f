package io.mxray.core.tlsrpt;

import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the TLS-RPT check. */
public enum TlsRptCodes implements FindingCode {
  OK("tlsrpt.ok", Severity.PASS, RfcRef.rfc(8460, "3"), "A valid TLS-RPT record names where TLS failure reports go."),
  MISSING("tlsrpt.missing", Severity.INFO, RfcRef.rfc(8460, "3"),
      "No TLS-RPT record: nobody hears about senders' TLS failures (WARN when MTA-STS is published)."),
  INVALID("tlsrpt.invalid", Severity.FAIL, RfcRef.rfc(8460, "3"),
      "The TLS-RPT record is malformed or published more than once; senders send no reports.");

  private final String id;
  private final Severity severity;
  private final RfcRef rfc;
  private final String summary;

  TlsRptCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.id = id;
    this.severity = severity;
    this.rfc = rfc;
    this.summary = summary;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Severity defaultSeverity() {
    return severity;
  }

  @Override
  public RfcRef rfc() {
    return rfc;
  }

  @Override
  public String summary() {
    return summary;
  }
}
