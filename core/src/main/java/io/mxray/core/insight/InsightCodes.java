package io.mxray.core.insight;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/**
 * Findings of report intelligence: DMARC readiness per source, TLS-RPT failures joined to audits.
 */
public enum InsightCodes implements FindingCode {
  NO_REPORTS(
      "insight.no-reports",
      Severity.INFO,
      RfcRef.rfc(7489, "7.2"),
      "No aggregate reports cover the period: nothing to judge readiness on (is rua= published?)."),
  READY(
      "insight.ready",
      Severity.PASS,
      RfcRef.rfc(7489, "6.7"),
      "Every source that sends as the domain passes aligned SPF or DKIM: the next policy step is safe."),
  NOT_READY(
      "insight.not-ready",
      Severity.WARN,
      RfcRef.rfc(7489, "6.7"),
      "Sources that send as the domain would fail DMARC under a stricter policy; fix them first."),
  NOT_IN_SPF(
      "insight.not-in-spf",
      Severity.WARN,
      RfcRef.rfc(7208, "2.4"),
      "A source sends as the domain but neither the current SPF record authorises it nor does it sign with DKIM for the domain."),
  UNALIGNED_THIRD_PARTY(
      "insight.unaligned-third-party",
      Severity.WARN,
      RfcRef.rfc(7489, "3.1"),
      "A source authenticates, but as another domain (its own bounce domain or DKIM d=): DMARC fails until it aligns."),
  DKIM_BROKEN(
      "insight.dkim-broken",
      Severity.WARN,
      RfcRef.rfc(6376, "6.1"),
      "A source signs with the domain's DKIM key, but the signatures fail (or the key is missing now)."),
  FIXED_SINCE(
      "insight.fixed-since",
      Severity.INFO,
      RfcRef.rfc(7208, "2.6.1"),
      "A source failed in the reports but the domain's current SPF record authorises it."),
  FORWARDED(
      "insight.forwarded",
      Severity.INFO,
      RfcRef.rfc(7489, "10.4"),
      "Failures through forwarders or mailing lists; receivers may accept them on ARC (RFC 8617), nothing to fix in your DNS."),
  UNAUTHENTICATED(
      "insight.unauthenticated",
      Severity.INFO,
      RfcRef.rfc(7489, "6.7"),
      "Low-volume sources that authenticate as nobody: likely spoofing, which a stricter policy is meant to stop."),
  NEW_FAILING_SOURCE(
      "insight.new-failing-source",
      Severity.WARN,
      RfcRef.rfc(7489, "7.2"),
      "A source never seen failing before now fails DMARC for the domain."),
  DNS_UNAVAILABLE(
      "insight.dns-unavailable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7208, "2.6.6"),
      "The current SPF or DKIM records could not be read; what the reports say was not checked against DNS."),
  TLS_FAILURES(
      "insight.tls-failures",
      Severity.WARN,
      RfcRef.rfc(8460, "4.3"),
      "Senders report failed TLS sessions to an MX; the live checks of that MX were not run to confirm."),
  TLS_CONFIRMED(
      "insight.tls-confirmed",
      Severity.FAIL,
      RfcRef.rfc(8460, "4.3"),
      "Senders report failed TLS sessions and the live probe, MTA-STS or DANE check of the same MX shows the cause."),
  TLS_NOT_REPRODUCED(
      "insight.tls-not-reproduced",
      Severity.INFO,
      RfcRef.rfc(8460, "4.3"),
      "Senders reported TLS failures that the live checks no longer show (fixed since, or intermittent)."),
  TLS_OK(
      "insight.tls-ok",
      Severity.PASS,
      RfcRef.rfc(8460, "4.4"),
      "TLS reports show no failed sessions.");

  private final CodeInfo info;

  InsightCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
