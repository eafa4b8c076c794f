package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of {@code rules.tsv}: what it matches, the reason it gives, one real or faithfully
 * paraphrased example line it must decide, and where the knowledge comes from.
 *
 * @param id stable rule id, reported as {@code "rule": "<tier>:<id>"} in JSON
 * @param tier where the row sits in the order of evidence ({@link Tier})
 * @param kind what is matched: {@code text} (regular expression over the recipient's own
 *     diagnostic, lower-cased), {@code status} (enhanced status: {@code 5.1.1}, {@code X.7.26},
 *     {@code X.2.*}), {@code reply} (SMTP reply code or {@code 5XX}), {@code action} (RFC 3464
 *     action), {@code command} (the failed SMTP command), {@code dtype} (the RFC 3464 diagnostic
 *     type), {@code bouncetype} (regex over a vendor's own classification such as Amazon SES {@code
 *     Permanent/NoEmail}), {@code recipient} (regex over the address)
 * @param pattern the pattern, as written in the file (macros expanded)
 * @param when extra conditions, all of which must hold, separated by {@code ;}: {@code
 *     status=X.2.0,X.2.1}, {@code reply=5XX}, {@code command=RCPT}, {@code action=delayed}, {@code
 *     dtype=X-UNIX}, {@code mta=REGEX} (the MTA that wrote the bounce), {@code rhost=REGEX} (the
 *     remote host), {@code domain=REGEX} (the recipient's domain), {@code text=REGEX}; {@code
 *     key!=value} negates; empty for none
 * @param reason the reason it decides
 * @param example one diagnostic line this row decides, optionally preceded by its context in
 *     brackets: {@code [command=DATA status=5.2.1 mta=docomo] 550 Unknown user}
 * @param source where the knowledge comes from, citations separated by {@code " | "}: a vendor
 *     document (URL), an RFC section ({@code RFC 3463 §3.2}), or {@code corpus:GROUP} for wording
 *     first seen in that group of the shared corpus (a file-name prefix such as {@code
 *     lhost-postfix}); see {@link #availableWithout}
 * @param meaning what this specific reply means, in plain words, when the reason's general text
 *     would mislead (Microsoft's 5.4.1 is not "no answer from host"); empty for most rows
 */
public record BounceRule(
    String id,
    Tier tier,
    String kind,
    String pattern,
    String when,
    BounceReason reason,
    String example,
    String source,
    String meaning) {

  /**
   * The order of evidence. A row of an earlier tier is tried before any row of a later one; within
   * a tier the file order decides.
   */
  public enum Tier {
    /** The local delivery program failed (RFC 3464 X-Unix diagnostic, mail.local, procmail). */
    LOCAL,
    /**
     * A vendor's own documented code travels with the reply (GoDaddy {@code IB607}, Yahoo {@code
     * TSS04}, Microsoft {@code 5.7.606}, Spectrum {@code AUP#1310}, Orange {@code OFR_416}) or the
     * vendor classifies the recipient itself (Amazon SES bounce types): more specific than the RFC
     * 3463 code it is sent with.
     */
    VENDOR,
    /** An enhanced status code whose registered meaning names one reason (not X.0.0, not 5.7.1). */
    STATUS,
    /** Vendor and MTA wording, then generic wording, of each reason. */
    PHRASE,
    /** What is left: ambiguous codes by subject, reply codes, the failed command, the action. */
    FALLBACK;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BounceRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(reason, "reason");
    example = Objects.requireNonNullElse(example, "");
    source = Objects.requireNonNullElse(source, "");
    meaning = Objects.requireNonNullElse(meaning, "");
  }

  /** {@code "<tier>:<id>"}, as reported. */
  public String qualifiedId() {
    return tier.id() + ":" + id;
  }

  /** The citations of {@link #source}. */
  public List<String> citations() {
    List<String> out = new ArrayList<>();
    for (String c : source.split(" \\| ")) {
      if (!c.isBlank()) {
        out.add(c.trim());
      }
    }
    return out;
  }

  /** The corpus groups named as sources ({@code corpus:lhost-postfix,lhost-exim}). */
  public List<String> corpusGroups() {
    List<String> out = new ArrayList<>();
    for (String c : citations()) {
      if (c.startsWith("corpus:")) {
        for (String g : c.substring("corpus:".length()).split(",")) {
          if (!g.isBlank()) {
            out.add(g.trim());
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether the row would exist if the corpus group {@code group} had never been seen: it cites a
   * vendor document or RFC, or another corpus group. Leave-one-source-out scoring of {@code group}
   * uses only such rows.
   */
  public boolean availableWithout(String group) {
    for (String c : citations()) {
      if (!c.startsWith("corpus:")) {
        return true;
      }
    }
    for (String g : corpusGroups()) {
      if (!g.equals(group)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a {@code status} pattern covers this status ("5.1.1", "5.1.*", "X.7.26", "4.*"); a
   * component with brackets is a regular expression over that component ("X.7.2[0-4]").
   */
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
      if (i == 0 && p[i].equalsIgnoreCase("X")) {
        continue;
      }
      if (p[i].indexOf('[') >= 0 ? !s[i].matches(p[i]) : !p[i].equals(s[i])) {
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
    if (p.length() != 3 || c.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (p.charAt(i) != 'X' && p.charAt(i) != c.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
