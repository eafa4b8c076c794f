package io.mxray.core.dnsbl;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/**
 * Blocklist findings. Refusals and timeouts are INCONCLUSIVE: they are never reported as listings.
 */
public enum DnsblCodes implements FindingCode {
  CLEAN(
      "rbl.clean",
      Severity.PASS,
      RfcRef.rfc(5782, "2.1"),
      "No blocklist that answered lists the address or name."),
  LISTED(
      "rbl.listed",
      Severity.FAIL,
      RfcRef.rfc(5782, "2.1"),
      "An address or name is listed on a blocklist; receivers using it reject or junk the mail."),
  QUERY_REFUSED(
      "rbl.query-refused",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5782, "2.1"),
      "The blocklist refused to answer this resolver (public resolver, rate limit, unregistered use)."),
  TIMEOUT(
      "rbl.timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5782, "2.1"),
      "The blocklist did not answer in time; listing status unknown.");

  private final CodeInfo info;

  DnsblCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
