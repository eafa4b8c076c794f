package io.mxray.core.dkim;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of DKIM signature verification on a message (the {@code mxray headers} analysis). */
public enum DkimVerifierCodes implements FindingCode {
  PASS(
      "dkim.verify-pass",
      Severity.PASS,
      RfcRef.rfc(6376, "6.1"),
      "A DKIM signature on the message verified."),
  NONE(
      "dkim.verify-none",
      Severity.WARN,
      RfcRef.rfc(6376, "6"),
      "The message carries no DKIM signature; DMARC can then pass only through SPF."),
  FAIL(
      "dkim.verify-fail",
      Severity.FAIL,
      RfcRef.rfc(6376, "6.1.3"),
      "A DKIM signature did not verify: the signed headers or the body changed, or the key does not match."),
  BODY_HASH(
      "dkim.verify-body-hash",
      Severity.FAIL,
      RfcRef.rfc(6376, "3.7"),
      "The body hash (bh=) does not match the body: the body was modified in transit (footers, re-encoding)."),
  SHA1(
      "dkim.verify-sha1",
      Severity.FAIL,
      RfcRef.rfc(8301, "3.1"),
      "A signature uses rsa-sha1, which verifiers must no longer accept; sign with rsa-sha256."),
  WEAK_KEY(
      "dkim.verify-weak-key",
      Severity.FAIL,
      RfcRef.rfc(8301, "3.2"),
      "A signature's RSA key is shorter than 1024 bits; verifiers must not accept it."),
  EXPIRED(
      "dkim.verify-expired",
      Severity.WARN,
      RfcRef.rfc(6376, "3.5"),
      "A signature's x= expiry time has passed."),
  KEY_MISSING(
      "dkim.verify-key-missing",
      Severity.FAIL,
      RfcRef.rfc(6376, "6.1.2"),
      "The signature's key record (selector._domainkey.domain) does not exist or is revoked."),
  PERMERROR(
      "dkim.verify-permerror",
      Severity.FAIL,
      RfcRef.rfc(6376, "6.1.1"),
      "A signature is malformed or unusable (bad tags, unsupported algorithm, key mismatch)."),
  TEMPERROR(
      "dkim.verify-temperror",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(6376, "6.1.2"),
      "The key record could not be fetched (DNS timeout or server failure); the result is unknown."),
  BODY_LENGTH(
      "dkim.verify-body-length",
      Severity.WARN,
      RfcRef.rfc(6376, "8.2"),
      "A signature covers only part of the body (l=); anyone can append content without breaking it."),
  TESTING(
      "dkim.verify-testing",
      Severity.INFO,
      RfcRef.rfc(6376, "3.6.1"),
      "The signing domain's key says t=y (testing mode); receivers may treat failures as unsigned.");

  private final CodeInfo info;

  DkimVerifierCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
