package io.mxray.core.headers;

import com.google.common.net.InternetDomainName;
import io.mxray.core.net.Addresses;
import java.util.Locale;

/**
 * DMARC identifier alignment (RFC 7489 §3.1): relaxed compares organizational domains, strict
 * compares the domains exactly. Organizational domains come from the public-suffix list (Guava).
 */
public final class Alignment {

  private Alignment() {}

  public static boolean aligned(String authenticated, String from, boolean strict) {
    String a = normalize(authenticated);
    String f = normalize(from);
    if (a.isEmpty() || f.isEmpty()) {
      return false;
    }
    if (strict) {
      return a.equals(f);
    }
    return orgDomain(a).equals(orgDomain(f));
  }

  /** The registrable domain under a public suffix, or the name itself; "" for non-names. */
  public static String orgDomain(String host) {
    String h = normalize(host);
    if (!h.contains(".") || Addresses.parse(h).isPresent()) {
      return ""; // single labels and addresses have no organizational domain
    }
    try {
      InternetDomainName d = InternetDomainName.from(h);
      return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : h;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return "";
    }
  }

  static String normalize(String s) {
    String h = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
