package io.mxray.core.dns;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/**
 * Findings about the DNS itself: lookups that could not be answered. All INCONCLUSIVE by design.
 */
public enum DnsCodes implements FindingCode {
  TIMEOUT(
      "dns.timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1035, "4.2.1"),
      "A DNS lookup got no answer in time; the data behind it is unknown, not missing."),
  SERVFAIL(
      "dns.servfail",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1035, "4.1.1"),
      "A DNS lookup failed with SERVFAIL (often a DNSSEC or delegation fault); the data is unknown."),
  REFUSED(
      "dns.refused",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1035, "4.1.1"),
      "The resolver refused the lookup; the data is unknown.");

  private final CodeInfo info;

  DnsCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }

  /**
   * The finding for a failed lookup: "could not tell", with what was asked and what happened.
   *
   * @param what what the lookup was for, e.g. "the MX records of example.com"
   */
  public static Finding failure(DnsAnswer a, String what) {
    DnsCodes code =
        switch (a.status()) {
          case TIMEOUT -> TIMEOUT;
          case REFUSED -> REFUSED;
          default -> SERVFAIL;
        };
    String detail =
        a.detail().isEmpty() || a.detail().equals(a.status().name()) ? "" : " (" + a.detail() + ")";
    String message =
        "Could not look up "
            + what
            + ": "
            + a.name()
            + " "
            + a.typeName()
            + " → "
            + a.status()
            + detail
            + ". This is unknown, not missing.";
    String remediation =
        a.status() == DnsStatus.SERVFAIL
            ? "Check the zone's DNSSEC signatures and delegation (e.g. with dig +cd and a DNSSEC debugger), then retry."
            : "Retry later or with another resolver (--resolver); check that the domain's name servers answer.";
    return Finding.of(code, a.name(), message)
        .withRemediation(remediation)
        .withEvidence(
            a.name() + " " + a.typeName() + " " + a.status() + detail + " via " + a.server());
  }
}
