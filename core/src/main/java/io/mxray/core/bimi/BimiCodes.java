package io.mxray.core.bimi;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the BIMI check. */
public enum BimiCodes implements FindingCode {
  OK(
      "bimi.ok",
      Severity.PASS,
      spec("4"),
      "A BIMI record with a valid logo is published and DMARC allows it to be shown."),
  MISSING(
      "bimi.missing",
      Severity.INFO,
      spec("4"),
      "No BIMI record at default._bimi.<domain>: no brand logo is shown."),
  DECLINED(
      "bimi.declined",
      Severity.INFO,
      spec("4.2"),
      "The BIMI record has an empty l=: the domain declines BIMI."),
  INVALID(
      "bimi.invalid",
      Severity.FAIL,
      spec("4.2"),
      "The BIMI record is malformed, duplicated, or its URLs are not https://."),
  DMARC_INSUFFICIENT(
      "bimi.dmarc-insufficient",
      Severity.FAIL,
      spec("5"),
      "BIMI needs DMARC at p=quarantine or p=reject with pct=100 (and no sp=none); logos are not shown."),
  NO_AUTHORITY(
      "bimi.no-authority",
      Severity.INFO,
      spec("4.2"),
      "No a= evidence document (VMC/CMC): most mailbox providers (e.g. Gmail) will not show the logo."),
  LOGO_UNREACHABLE(
      "bimi.logo-unreachable",
      Severity.WARN,
      spec("6"),
      "The logo could not be fetched over validated HTTPS (INCONCLUSIVE on a timeout)."),
  SVG_INVALID(
      "bimi.svg-invalid",
      Severity.WARN,
      spec("SVG Tiny PS"),
      "The logo fails basic SVG Tiny Portable/Secure checks (profile, title, scripts, external references, size).");

  private final CodeInfo info;

  BimiCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }

  private static RfcRef spec(String section) {
    return RfcRef.doc("draft-brand-indicators-for-message-identification", section);
  }
}
