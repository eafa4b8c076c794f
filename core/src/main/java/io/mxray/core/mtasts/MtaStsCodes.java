package io.mxray.core.mtasts;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the MTA-STS check. */
public enum MtaStsCodes implements FindingCode {
  OK(
      "mtasts.ok",
      Severity.PASS,
      RfcRef.rfc(8461, "3"),
      "An MTA-STS policy in enforce mode is published, valid and covers every MX host."),
  MISSING(
      "mtasts.missing",
      Severity.INFO,
      RfcRef.rfc(8461, "3.1"),
      "No _mta-sts TXT record: senders may deliver over unauthenticated or downgraded TLS."),
  TXT_INVALID(
      "mtasts.txt-invalid",
      Severity.FAIL,
      RfcRef.rfc(8461, "3.1"),
      "The _mta-sts TXT record is malformed or published more than once; senders ignore the policy."),
  POLICY_UNREACHABLE(
      "mtasts.policy-unreachable",
      Severity.FAIL,
      RfcRef.rfc(8461, "3.3"),
      "The policy file could not be fetched over validated HTTPS (INCONCLUSIVE on a timeout)."),
  POLICY_INVALID(
      "mtasts.policy-invalid",
      Severity.FAIL,
      RfcRef.rfc(8461, "3.2"),
      "The policy file does not parse (version, mode, max_age, mx lines)."),
  MX_NOT_COVERED(
      "mtasts.mx-not-covered",
      Severity.FAIL,
      RfcRef.rfc(8461, "4.1"),
      "An MX host matches no mx pattern of the policy: enforcing senders will not deliver to it."),
  CERT_INVALID(
      "mtasts.cert-invalid",
      Severity.FAIL,
      RfcRef.rfc(8461, "4.2"),
      "An MX covered by the policy does not offer STARTTLS with a certificate valid for its name (PKIX):"
          + " MTA-STS senders will not deliver to it in enforce mode."),
  DANE_DISAGREES(
      "mtasts.dane-disagree",
      Severity.WARN,
      RfcRef.rfc(8461, "2"),
      "The MX satisfies MTA-STS but its TLSA records do not match the certificate: DANE senders (who take"
          + " precedence) will refuse what MTA-STS senders accept."),
  TESTING_MODE(
      "mtasts.testing-mode",
      Severity.INFO,
      RfcRef.rfc(8461, "5"),
      "The policy is in testing (or none) mode: failures are reported but mail is still delivered."),
  MAX_AGE_SHORT(
      "mtasts.max-age-short",
      Severity.INFO,
      RfcRef.rfc(8461, "3.2"),
      "max_age is under a day; senders re-fetch often and cached protection is short (weeks are advised)."),
  CONTENT_TYPE(
      "mtasts.content-type",
      Severity.WARN,
      RfcRef.rfc(8461, "3.2"),
      "The policy is not served as text/plain, which some senders require.");

  private final CodeInfo info;

  MtaStsCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
