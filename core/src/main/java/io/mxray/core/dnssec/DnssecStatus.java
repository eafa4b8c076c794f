package io.mxray.core.dnssec;

import java.util.Locale;

/** The security status of an answer, as RFC 4033 §5 names them. */
public enum DnssecStatus {
  /** A chain of trust from the anchor validates the answer. */
  SECURE,
  /** The answer is provably unsigned (an authenticated proof that a DS is absent above it). */
  INSECURE,
  /**
   * Signatures should be there and do not validate (expired, wrong key, missing DNSKEY, broken DS).
   */
  BOGUS,
  /** Could not tell: the lookup failed or timed out. */
  INDETERMINATE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
