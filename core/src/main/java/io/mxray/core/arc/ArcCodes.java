package io.mxray.core.arc;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of ARC chain validation on a message. */
public enum ArcCodes implements FindingCode {
  PASS(
      "arc.pass",
      Severity.PASS,
      RfcRef.rfc(8617, "5.2"),
      "The ARC chain validates: every intermediary's seal verifies and the latest message signature verifies."),
  FAIL(
      "arc.fail",
      Severity.WARN,
      RfcRef.rfc(8617, "5.2"),
      "The ARC chain is broken or does not verify; receivers ignore what the intermediaries recorded."),
  NONE("arc.none", Severity.INFO, RfcRef.rfc(8617, "5.2"), "The message carries no ARC sets."),
  TEMPERROR(
      "arc.temperror",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(8617, "5.2"),
      "An ARC key could not be fetched (DNS failure); whether the chain validates is unknown.");

  private final CodeInfo info;

  ArcCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
