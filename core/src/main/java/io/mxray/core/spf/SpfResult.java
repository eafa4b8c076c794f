package io.mxray.core.spf;

import java.util.Locale;

/** The results of {@code check_host()}, RFC 7208 §2.6, named as in the RFC (and RFC 8601). */
public enum SpfResult {
  NONE,
  NEUTRAL,
  PASS,
  FAIL,
  SOFTFAIL,
  TEMPERROR,
  PERMERROR;

  /** Lower-case RFC name, as in Received-SPF and JSON ("softfail"). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
