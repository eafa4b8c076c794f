package io.mxray.core.dmarc;

import com.google.common.net.InternetDomainName;
import io.mxray.core.dns.DomainName;
import java.util.List;

/**
 * The Organizational Domain of a name (RFC 7489 §3.2): the public suffix plus one label, using the
 * Public Suffix List shipped with Guava ({@link InternetDomainName}). When no PSL rule matches
 * (reserved names such as {@code *.example} or {@code *.test}), the PSL's default rule "*" applies:
 * the last label is the public suffix. Pure, thread-safe, never throws for syntactically odd input
 * (it falls back to the label rule). Used by DMARC discovery and, later, DMARC alignment.
 */
public final class OrgDomain {

  private OrgDomain() {}

  /** The organizational domain of {@code name} (lower-case, no trailing dot). */
  public static String of(String name) {
    String n = DomainName.normalize(name);
    String suffix = publicSuffix(n);
    if (n.equals(suffix) || suffix.isEmpty()) {
      return n;
    }
    String head = n.substring(0, n.length() - suffix.length() - 1);
    int dot = head.lastIndexOf('.');
    return (dot < 0 ? head : head.substring(dot + 1)) + "." + suffix;
  }

  /**
   * The public suffix of {@code name}: "co.uk" for "mail.example.co.uk", "example" for
   * "a.b.example".
   */
  public static String publicSuffix(String name) {
    String n = DomainName.normalize(name);
    if (n.isEmpty()) {
      return "";
    }
    try {
      InternetDomainName idn = InternetDomainName.from(n);
      if (idn.hasPublicSuffix()) {
        return idn.publicSuffix().toString();
      }
    } catch (IllegalArgumentException e) {
      // Underscore labels or other non-host names: fall back to the default rule below.
    }
    int dot = n.lastIndexOf('.');
    return dot < 0 ? n : n.substring(dot + 1);
  }

  /** True if {@code name} is itself a public suffix ("com", "co.uk"). */
  public static boolean isPublicSuffix(String name) {
    String n = DomainName.normalize(name);
    return !n.isEmpty() && publicSuffix(n).equals(n);
  }

  /** True if {@code a} and {@code b} share an organizational domain (DMARC relaxed alignment). */
  public static boolean sameOrganization(String a, String b) {
    return of(a).equals(of(b));
  }

  /**
   * The names a DMARCbis (RFC 9989 §4.10) DNS tree walk asks, in order: the name itself, then
   * parents, at most 8 (a name with more than 8 labels jumps to its last 7), stopping before the
   * top-level domain.
   */
  public static List<String> treeWalk(String name) {
    String n = DomainName.normalize(name);
    List<String> labels = List.of(n.split("\\."));
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    out.add(n);
    int start = labels.size() > 8 ? labels.size() - 7 : 1;
    for (int i = start; i < labels.size() - 1; i++) {
      out.add(String.join(".", labels.subList(i, labels.size())));
    }
    return List.copyOf(out);
  }
}
