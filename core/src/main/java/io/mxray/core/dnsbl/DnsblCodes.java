package io.mxray.core.dnsbl;

import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Blocklist findings. Refusals and timeouts are INCONCLUSIVE: they are never reported as listings. */
public enum DnsblCodes implements FindingCode {
  CLEAN("rbl.clean", Severity.PASS, RfcRef.rfc(5782, "2.1"), "No blocklist that answered lists the address or name."),
  LISTED("rbl.listed", Severity.FAIL, RfcRef.rfc(5782, "2.1"),
      "An address or name is listed on a blocklist; receivers using it reject or junk the mail."),
  QUERY_REFUSED("rbl.query-refused", Severity.INCONCLUSIVE, RfcRef.rfc(5782, "2.1"),
      "The blocklist refused to answer this resolver (public resolver, rate limit, unregistered use)."),
  TIMEOUT("rbl.timeout", Severity.INCONCLUSIVE, RfcRef.rfc(5782, "2.1"),
      "The blocklist did not answer in time; listing status unknown.");

  private final String id;
  private final Severity severity;
  private final RfcRef rfc;
  private final String summary;

  DnsblCodes(String id, Severity severity, RfcRef rfc, String summary) {
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
