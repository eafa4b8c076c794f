package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds mailbox addresses ({@code local@domain}, RFC 5321 §4.1.2) in untrusted text with a
 * hand-written scanner: each character is looked at a bounded number of times, so the work is
 * linear in the text and no input can make it recurse or backtrack (a regular expression with a
 * repeated group overflows the stack on a 6 kB domain). Over-long parts are not addresses: a local
 * part longer than 64 octets, a domain longer than 255 or a label longer than 63 (RFC 5321
 * §4.5.3.1) is skipped, not cut.
 */
final class Addresses {

  static final int MAX_LOCAL = 64;
  static final int MAX_DOMAIN = 255;
  static final int MAX_LABEL = 63;

  /** One address found at {@code [start, end)} of the text. */
  record Found(String address, int start, int end) {}

  private Addresses() {}

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** RFC 5322 atext plus the dot of a dot-atom. */
  static boolean localChar(char c) {
    return alnum(c) || (c < 128 && "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0);
  }

  private static boolean domainChar(char c) {
    return alnum(c) || c == '-' || c == '.';
  }

  /** The first address at or after {@code from}, or null. */
  static Found next(CharSequence s, int from) {
    int n = s.length();
    int i = Math.max(0, from);
    while (i < n) {
      int at = -1;
      for (int k = i; k < n; k++) {
        if (s.charAt(k) == '@') {
          at = k;
          break;
        }
      }
      if (at < 0) {
        return null;
      }
      Found f = around(s, at, from);
      if (f != null) {
        return f;
      }
      i = at + 1;
    }
    return null;
  }

  /** The address whose '@' is at {@code at}, not starting before {@code floor}, or null. */
  private static Found around(CharSequence s, int at, int floor) {
    int n = s.length();
    // Local part, walking left at most MAX_LOCAL + 1 characters.
    int ls;
    if (at > 0 && s.charAt(at - 1) == '"') {
      // A quoted local part ("a..b"@example.org): back to the opening quote.
      int q = -1;
      for (int k = at - 2; k >= Math.max(floor, at - MAX_LOCAL - 2); k--) {
        char c = s.charAt(k);
        if (c == '"') {
          q = k;
          break;
        }
        if (c == '\n' || c == '\r' || c == '<' || c == '>') {
          break;
        }
      }
      if (q < 0 || at - 1 - q < 2) {
        return null;
      }
      ls = q;
    } else {
      ls = at;
      while (ls > floor && localChar(s.charAt(ls - 1))) {
        ls--;
        if (at - ls > MAX_LOCAL) {
          return null; // over-long local part: not an address
        }
      }
      while (ls < at && s.charAt(ls) == '.') {
        ls++; // a dot-atom does not start with a dot
      }
      if (ls == at) {
        return null;
      }
    }
    // Domain, walking right at most MAX_DOMAIN + 1 characters.
    int de = at + 1;
    while (de < n && domainChar(s.charAt(de))) {
      de++;
      if (de - at - 1 > MAX_DOMAIN) {
        return null; // over-long domain: not an address
      }
    }
    int end = validDomainEnd(s, at + 1, de);
    if (end < 0) {
      return null;
    }
    return new Found(s.subSequence(ls, end).toString(), ls, end);
  }

  /**
   * The end of the longest prefix of {@code s[from, to)} made of at least two valid labels
   * (letters, digits, inner hyphens, at most 63 each), or -1.
   */
  private static int validDomainEnd(CharSequence s, int from, int to) {
    int labels = 0;
    int end = -1;
    int i = from;
    while (i < to) {
      int j = i;
      while (j < to && s.charAt(j) != '.') {
        j++;
      }
      int len = j - i;
      if (len == 0 || len > MAX_LABEL || s.charAt(i) == '-') {
        break;
      }
      int labelEnd = j;
      while (labelEnd > i && s.charAt(labelEnd - 1) == '-') {
        labelEnd--; // "example.com-" ends at "com"
      }
      labels++;
      if (labels >= 2) {
        end = labelEnd;
      }
      if (labelEnd < j) {
        break;
      }
      i = j + 1;
    }
    return end;
  }

  /** Every distinct address of the text (case-insensitively), in order, at most {@code max}. */
  static List<String> all(CharSequence text, int max) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (out.size() < max) {
      Found f = next(text, i);
      if (f == null) {
        break;
      }
      if (out.stream().noneMatch(a -> a.equalsIgnoreCase(f.address()))) {
        out.add(f.address());
      }
      i = f.end();
    }
    return out;
  }

  /** The first address of the text, or "". */
  static String first(CharSequence text) {
    Found f = next(text, 0);
    return f == null ? "" : f.address();
  }

  /** Whether the text contains an address. */
  static boolean any(CharSequence text) {
    return next(text, 0) != null;
  }
}
