package io.mxray.core.spf;

import java.util.Locale;

/** The mechanisms of RFC 7208 §5. */
public enum SpfMechanism {
  ALL,
  INCLUDE,
  A,
  MX,
  PTR,
  IP4,
  IP6,
  EXISTS;

  /**
   * Mechanisms that cost one of the ten DNS-querying terms of §4.6.4 ({@code redirect} is the
   * eleventh kind).
   */
  public boolean queriesDns() {
    return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
  }

  /** The name as written in records ("ip4"). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SpfMechanism of(String name) {
    for (SpfMechanism m : values()) {
      if (m.id().equalsIgnoreCase(name)) {
        return m;
      }
    }
    return null;
  }
}
