package io.mxray.core.audit;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings about the audit machinery itself. */
public enum AuditCodes implements FindingCode {
  CHECK_CRASHED(
      "audit.check-crashed",
      "A check failed with an internal error; its area is unknown. Please report it."),
  CHECK_TIMEOUT(
      "audit.check-timeout", "A check did not finish within its deadline; its area is unknown."),
  NOT_ASSESSED(
      "audit.not-assessed",
      Severity.INFO,
      RfcRef.rfc(8020, "2"),
      "The domain does not exist (NXDOMAIN), so this area was not assessed: its records cannot exist either.");

  private final CodeInfo info;

  AuditCodes(String id, String summary) {
    this(id, Severity.INCONCLUSIVE, RfcRef.doc("mxray", ""), summary);
  }

  AuditCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
