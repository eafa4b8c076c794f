package io.mxray.core.dkim;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the DKIM key check (published keys, not signatures). */
public enum DkimKeyCodes implements FindingCode {
  OK(
      "dkim.ok",
      Severity.PASS,
      RfcRef.rfc(6376, "3.6.1"),
      "DKIM keys were found and are strong enough."),
  KEY_WEAK(
      "dkim.key-weak",
      Severity.FAIL,
      RfcRef.rfc(8301, "3.2"),
      "An RSA key is too short: under 1024 bits FAIL (verifiers reject it), 1024 bits WARN (2048 recommended)."),
  KEY_REVOKED(
      "dkim.key-revoked",
      Severity.INFO,
      RfcRef.rfc(6376, "3.6.1"),
      "A selector publishes an empty p=: the key is revoked and signatures with it fail."),
  TESTING(
      "dkim.testing",
      Severity.WARN,
      RfcRef.rfc(6376, "3.6.1"),
      "t=y: the domain is testing DKIM; verifiers treat its signatures as if unsigned."),
  KEY_SHA1_ONLY(
      "dkim.key-sha1-only",
      Severity.FAIL,
      RfcRef.rfc(8301, "3.1"),
      "h=sha1 restricts the key to rsa-sha1 signatures, which verifiers must not accept."),
  KEY_NOT_FOR_EMAIL(
      "dkim.key-not-for-email",
      Severity.FAIL,
      RfcRef.rfc(6376, "3.6.1"),
      "s= lists service types without email or *: the key cannot verify mail."),
  KEY_INVALID(
      "dkim.key-invalid",
      Severity.FAIL,
      RfcRef.rfc(6376, "3.6.1"),
      "A key record cannot be used: bad syntax, unknown key type or a p= that is not a valid key."),
  SELECTOR_MISSING(
      "dkim.selector-missing",
      Severity.FAIL,
      RfcRef.rfc(6376, "3.6.2.2"),
      "A selector named on the command line publishes no key record."),
  NONE_FOUND(
      "dkim.none-found",
      Severity.INFO,
      RfcRef.rfc(6376, "3.6.2.1"),
      "None of the probed selectors has a key; DKIM may still use a selector that was not tried."),
  NOT_LOOKED_UP(
      "dkim.not-looked-up",
      Severity.INFO,
      RfcRef.rfc(6376, "3.6.2.1"),
      "No selector was given and common-selector discovery was off (the batch default), so no key was looked up.");

  private final CodeInfo info;

  DkimKeyCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
