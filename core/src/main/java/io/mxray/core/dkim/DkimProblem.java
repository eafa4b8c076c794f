package io.mxray.core.dkim;

import java.util.Locale;

/**
 * Why a DKIM signature did not simply pass, as a value (the {@code reason} text says it in words).
 * The two RFC 8301 rules are separate values so that reports can say that mxray applies them on
 * purpose: the signature may be cryptographically fine and still not count.
 */
public enum DkimProblem {
  /** Passed. */
  NONE,
  /** Tags missing or malformed (RFC 6376 §6.1.1). */
  MALFORMED,
  /** Not verified: more signatures than mxray verifies per message. */
  TOO_MANY_SIGNATURES,
  /** Not verified: no DNS (offline analysis). */
  NOT_VERIFIED,
  /** x= has passed (RFC 6376 §3.5). */
  EXPIRED,
  /** No key record at selector._domainkey.domain (RFC 6376 §6.1.2). */
  KEY_MISSING,
  /** The key record has an empty p= (RFC 6376 §3.6.1). */
  KEY_REVOKED,
  /** The key record does not parse or holds no usable key. */
  KEY_INVALID,
  /** The key could not be fetched (DNS timeout or failure): temperror. */
  KEY_UNAVAILABLE,
  /** The key's type, h= or s= does not fit the signature (RFC 6376 §3.6.1). */
  KEY_MISMATCH,
  /** An RSA key under 1024 bits: verifiers must not accept it (RFC 8301 §3.2). */
  KEY_TOO_SHORT,
  /** rsa-sha1: verifiers must not consider it valid (RFC 8301 §3.1). */
  SHA1_NOT_ACCEPTED,
  /** The key's t=s forbids an i= in a subdomain of d= (RFC 6376 §3.6.1). */
  IDENTITY_NOT_ALLOWED,
  /** The body is shorter than l= (RFC 6376 §3.5). */
  BODY_SHORTER_THAN_L,
  /** bh= does not match the body (RFC 6376 §3.7). */
  BODY_HASH_MISMATCH,
  /** b= does not verify over the signed headers (RFC 6376 §3.7). */
  SIGNATURE_MISMATCH,
  /** The header signature verified but the body was not given (or truncated): neutral. */
  BODY_NOT_CHECKED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
