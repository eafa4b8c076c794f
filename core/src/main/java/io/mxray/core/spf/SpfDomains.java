package io.mxray.core.spf;

import io.mxray.core.dns.DnsAnswer;
import java.util.Locale;

/** Domain-name rules of RFC 7208 §4.3 and §7.3 (validity, 253-octet truncation). */
final class SpfDomains {

  private SpfDomains() {}

  static String normalize(String name) {
    String s = name.toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * A multi-label name, no empty label, labels of at most 63 octets, at most 253 octets in all
   * (§4.3).
   */
  static boolean valid(String name) {
    if (name.isEmpty() || name.length() > 253 || name.indexOf('.') < 0) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** §7.3: a domain-spec expanding beyond 253 octets loses left-hand labels until it fits. */
  static String truncate(String name) {
    String s = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    while (s.length() > 253) {
      int dot = s.indexOf('.');
      if (dot < 0) {
        return s.substring(s.length() - 253);
      }
      s = s.substring(dot + 1);
    }
    return s;
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  static String describe(DnsAnswer a) {
    String n = a.records().size() + (a.records().size() == 1 ? " record" : " records");
    return a.name()
        + " "
        + a.typeName()
        + " "
        + a.status()
        + (a.status().name().equals("NOERROR") ? " (" + n + ")" : "");
  }
}
