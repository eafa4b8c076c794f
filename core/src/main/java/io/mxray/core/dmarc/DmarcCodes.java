package io.mxray.core.dmarc;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the DMARC check. */
public enum DmarcCodes implements FindingCode {
  OK(
      "dmarc.ok",
      Severity.PASS,
      RfcRef.rfc(7489, "6.3"),
      "A DMARC policy of quarantine or reject applies to all of the domain's mail."),
  MISSING(
      "dmarc.missing",
      Severity.FAIL,
      RfcRef.rfc(7489, "6.6.3"),
      "No DMARC record at _dmarc.<domain> or its organizational domain: anyone can spoof the domain."),
  MULTIPLE(
      "dmarc.multiple",
      Severity.FAIL,
      RfcRef.rfc(7489, "6.6.3"),
      "More than one DMARC record is published; receivers then apply no DMARC policy at all."),
  SYNTAX(
      "dmarc.syntax",
      Severity.FAIL,
      RfcRef.rfc(7489, "6.3"),
      "The DMARC record has a syntax error (FAIL when unusable, WARN when a tag falls back to its default)."),
  POLICY_NONE(
      "dmarc.policy-none",
      Severity.WARN,
      RfcRef.rfc(7489, "6.3"),
      "The policy is p=none (monitoring only): spoofed mail is still delivered."),
  SUBDOMAIN_POLICY_NONE(
      "dmarc.subdomain-policy-none",
      Severity.WARN,
      RfcRef.rfc(7489, "6.3"),
      "sp=none (or np=none) leaves subdomains spoofable while the domain itself is protected."),
  PCT_PARTIAL(
      "dmarc.pct-partial",
      Severity.WARN,
      RfcRef.rfc(7489, "6.6.4"),
      "pct below 100: the policy applies to only part of the failing mail."),
  NO_RUA(
      "dmarc.no-rua",
      Severity.WARN,
      RfcRef.rfc(7489, "7.2"),
      "No rua= aggregate report address: the domain owner cannot see who sends mail as the domain."),
  RUA_UNAUTHORIZED(
      "dmarc.rua-unauthorized",
      Severity.WARN,
      RfcRef.rfc(7489, "7.1"),
      "A report address outside the organizational domain has not authorized reports; receivers send none."),
  RUA_UNDELIVERABLE(
      "dmarc.rua-undeliverable",
      Severity.WARN,
      RfcRef.rfc(7489, "7.1"),
      "A report address's domain accepts no mail (no MX, null MX or no address)."),
  INHERITED(
      "dmarc.inherited",
      Severity.INFO,
      RfcRef.rfc(7489, "6.6.3"),
      "No record at the domain itself; the organizational domain's policy (its sp=/np=) applies."),
  AT_APEX(
      "dmarc.at-apex",
      Severity.FAIL,
      RfcRef.rfc(7489, "6.1"),
      "A DMARC record is published at the domain instead of _dmarc.<domain>, where no receiver looks."),
  TESTING(
      "dmarc.testing",
      Severity.INFO,
      RfcRef.doc("RFC 9989", "4.7"),
      "t=y: the policy is in test mode; receivers may apply a weaker policy."),
  UNKNOWN_TAG(
      "dmarc.unknown-tag",
      Severity.INFO,
      RfcRef.rfc(7489, "6.3"),
      "The record has tags DMARC does not define; receivers ignore them."),
  LOOKUP_TIMEOUT(
      "dmarc.lookup-timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7489, "6.6.3"),
      "The DMARC record could not be looked up (timeout, SERVFAIL, refused); whether one exists is unknown.");

  private final CodeInfo info;

  DmarcCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
