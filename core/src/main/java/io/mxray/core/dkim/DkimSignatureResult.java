package io.mxray.core.dkim;

import java.util.Locale;

/** The result of verifying one DKIM signature, in RFC 8601 §2.7.1 terms. */
public enum DkimSignatureResult {
  /** The signature verified. */
  PASS,
  /** The signature or the body hash did not verify. */
  FAIL,
  /** The signature could not be processed (expired, or otherwise not usable). */
  NEUTRAL,
  /** A transient error, such as a DNS timeout while fetching the key; try again later. */
  TEMPERROR,
  /** A permanent error: malformed signature, missing or revoked key, unacceptable algorithm. */
  PERMERROR,
  /** The message was not signed. */
  NONE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
