package io.mxray.core.bounce;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of {@code rules.tsv}: when it applies, the reason it gives and where the knowledge comes
 * from.
 *
 * @param id stable rule id, reported as {@code "rule"} in JSON
 * @param kind what is matched: {@code text} (regular expression over the diagnostic), {@code
 *     status} (enhanced status: {@code 5.1.1}, {@code 5.1.*}, {@code X.7.26}), {@code reply} (SMTP
 *     reply code or {@code 5XX}), {@code action} (RFC 3464 action), {@code command} (the failed
 *     SMTP command), {@code dtype} (the RFC 3464 diagnostic type: {@code X-UNIX}), {@code
 *     recipient} (regex over the address), {@code from} (regex over the bounce's From)
 * @param pattern the pattern, as written in the file
 * @param when extra conditions, all of which must hold, separated by {@code ;}: {@code
 *     status=PATTERN}, {@code reply=PATTERN}, {@code command=RCPT}, {@code action=delayed}, {@code
 *     from=REGEX} (the bounce's From), {@code kind=reply} (message kind), {@code dtype=X-UNIX};
 *     {@code key!=value} negates; empty for none
 * @param reason the reason it decides
 * @param source the document or vendor page the row comes from
 */
public record BounceRule(
    String id, String kind, String pattern, String when, BounceReason reason, String source) {

  public BounceRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Compiled form of a {@code text}, {@code recipient} or {@code from} rule. The matched text is
   * lower-cased first (Locale.ROOT, so non-ASCII letters fold too); ASCII case-insensitivity only
   * covers patterns written with capitals, and avoids the cost of Unicode case folding.
   */
  Pattern regex() {
    return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
  }

  /** Whether a {@code status} pattern covers this status ("5.1.1", "5.1.*", "X.7.26", "4.*"). */
  static boolean statusMatches(String pattern, String status) {
    if (status.isEmpty()) {
      return false;
    }
    String[] p = pattern.split("\\.");
    String[] s = status.split("\\.");
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("*")) {
        return true;
      }
      if (i >= s.length) {
        return false;
      }
      if (!(i == 0 && p[i].equalsIgnoreCase("X")) && !p[i].equals(s[i])) {
        return false;
      }
    }
    return p.length == s.length;
  }

  /** Whether a {@code reply} pattern covers this code ("550", "5XX", "45X"). */
  static boolean replyMatches(String pattern, int code) {
    if (code == 0) {
      return false;
    }
    String c = Integer.toString(code);
    String p = pattern.toUpperCase(Locale.ROOT);
    for (int i = 0; i < 3; i++) {
      if (p.charAt(i) != 'X' && p.charAt(i) != c.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
