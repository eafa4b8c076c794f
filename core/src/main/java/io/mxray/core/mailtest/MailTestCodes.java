package io.mxray.core.mailtest;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of a test message "as received": the envelope, the connection and the alignment. */
public enum MailTestCodes implements FindingCode {
  SPF_PASS(
      "mailtest.spf-pass",
      Severity.PASS,
      RfcRef.rfc(7208, "2.4"),
      "SPF passes for the connecting address and the MAIL FROM domain."),
  SPF_FAIL(
      "mailtest.spf-fail",
      Severity.FAIL,
      RfcRef.rfc(7208, "2.6.4"),
      "SPF fails (or softfails) for the connecting address and the MAIL FROM domain."),
  SPF_NONE(
      "mailtest.spf-none",
      Severity.WARN,
      RfcRef.rfc(7208, "2.6.1"),
      "The MAIL FROM domain publishes no SPF record (or is neutral about the sender)."),
  SPF_ERROR(
      "mailtest.spf-error",
      Severity.FAIL,
      RfcRef.rfc(7208, "2.6.7"),
      "SPF of the MAIL FROM domain is broken (permerror) or could not be evaluated (temperror)."),
  HELO_SPF(
      "mailtest.helo-spf",
      Severity.INFO,
      RfcRef.rfc(7208, "2.3"),
      "The SPF result of the HELO identity (used for the null reverse path and by some receivers)."),
  DMARC_PASS(
      "mailtest.dmarc-pass",
      Severity.PASS,
      RfcRef.rfc(7489, "3.1"),
      "DMARC passes: SPF or DKIM is aligned with the From domain."),
  DMARC_FAIL(
      "mailtest.dmarc-fail",
      Severity.FAIL,
      RfcRef.rfc(7489, "3.1"),
      "DMARC fails: neither SPF nor DKIM is aligned with the From domain."),
  DMARC_MISSING(
      "mailtest.dmarc-missing",
      Severity.WARN,
      RfcRef.rfc(7489, "6.1"),
      "The From domain publishes no DMARC record (bulk senders must, per Gmail and Yahoo)."),
  NO_TLS(
      "mailtest.no-tls",
      Severity.WARN,
      RfcRef.rfc(3207),
      "The sender delivered without STARTTLS although the receiver offered it."),
  TLS_OLD(
      "mailtest.tls-old",
      Severity.WARN,
      RfcRef.rfc(8996),
      "The sender used TLS 1.0 or 1.1, which RFC 8996 deprecates."),
  TLS_OK("mailtest.tls-ok", Severity.PASS, RfcRef.rfc(8446), "The sender used TLS 1.2 or 1.3."),
  PTR_MISSING(
      "mailtest.ptr-missing",
      Severity.WARN,
      RfcRef.rfc(8601, "3"),
      "The connecting address has no reverse DNS name; many receivers refuse such senders."),
  PTR_MISMATCH(
      "mailtest.ptr-mismatch",
      Severity.WARN,
      RfcRef.rfc(8601, "3"),
      "The reverse DNS name does not resolve back to the connecting address (no FCrDNS)."),
  PTR_GENERIC(
      "mailtest.ptr-generic",
      Severity.WARN,
      RfcRef.doc("S25R", "rules 1-6"),
      "The reverse DNS name looks like a dynamic or end-user pool (S25R), which receivers distrust."),
  PTR_OK(
      "mailtest.ptr-ok",
      Severity.PASS,
      RfcRef.rfc(8601, "3"),
      "The connecting address has a forward-confirmed reverse DNS name."),
  DNS_UNAVAILABLE(
      "mailtest.dns-unavailable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7208, "2.6.6"),
      "A DNS lookup of the analysis failed; the result it needed could not be told.");

  private final CodeInfo info;

  MailTestCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
