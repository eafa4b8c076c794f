package io.mxray.core.spf;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Advice on one parsed record that needs no DNS: the all mechanism, terms after it, ptr, string and
 * record sizes (RFC 7208 §3.3, §3.4, §5.1, §5.5). Pure.
 */
public final class SpfLint {

  /** Octets above which an SPF answer risks exceeding a 512-octet UDP reply (§3.4). */
  public static final int ADVISED_MAX = 450;

  public static final int RISK_MAX = 512;

  private SpfLint() {}

  public static List<Finding> lint(String domain, SpfRecord rec, List<String> strings) {
    List<Finding> out = new ArrayList<>();
    String text = rec.text();
    for (String s : strings) {
      int octets = s.getBytes(StandardCharsets.UTF_8).length;
      if (octets > 255) {
        out.add(
            Finding.of(
                    SpfCodes.STRING_TOO_LONG,
                    domain,
                    "A character-string of the SPF record is "
                        + octets
                        + " octets long; a TXT string holds at most 255, so this record cannot be published as written.")
                .withRemediation(
                    "Publish the record as several quoted strings (receivers join them without spaces):\n"
                        + domain
                        + ". IN TXT "
                        + quoted(text)));
      }
    }
    int octets = text.getBytes(StandardCharsets.UTF_8).length;
    if (octets > RISK_MAX) {
      out.add(
          Finding.of(
                  SpfCodes.RECORD_TOO_LONG,
                  domain,
                  "The SPF record is "
                      + octets
                      + " octets; with the other"
                      + " TXT records an answer this size often exceeds 512 octets and needs TCP, which some receivers"
                      + " do not retry.")
              .withRemediation(
                  "Shorten it: drop unused includes and mechanisms, merge ip4: blocks into wider CIDRs,"
                      + " or move rarely used senders to a subdomain with its own record."));
    } else if (octets > ADVISED_MAX) {
      out.add(
          Finding.of(
                  SpfCodes.RECORD_TOO_LONG,
                  domain,
                  "The SPF record is "
                      + octets
                      + " octets; RFC 7208 §3.4"
                      + " advises staying under 450 so the answer fits a 512-octet UDP reply.")
              .withSeverity(Severity.INFO)
              .withRemediation(
                  "Keep it under 450 octets: drop unused terms or merge ip4: blocks."));
    }
    List<SpfTerm> terms = rec.terms();
    int allAt = -1;
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i) instanceof SpfDirective d && d.mechanism() == SpfMechanism.ALL) {
        allAt = i;
        break;
      }
    }
    if (allAt >= 0) {
      SpfDirective all = (SpfDirective) terms.get(allAt);
      String fixed = withAll(rec, allAt, "-all");
      if (all.qualifier() == SpfQualifier.PASS) {
        out.add(
            Finding.of(
                    SpfCodes.ALL_PASS,
                    domain,
                    "'"
                        + all.text()
                        + "' authorises every host on the Internet"
                        + " to send as "
                        + domain
                        + "; the record protects nothing.")
                .withRemediation(
                    "List your senders and end with -all (or ~all while testing):\n"
                        + domain
                        + ". IN TXT "
                        + quoted(fixed)));
      } else if (all.qualifier() == SpfQualifier.NEUTRAL) {
        out.add(
            Finding.of(
                    SpfCodes.ALL_NEUTRAL,
                    domain,
                    "'"
                        + all.text()
                        + "' gives hosts not listed the result"
                        + " neutral, which receivers treat like no SPF at all.")
                .withRemediation(
                    "Once every sender is listed, end with -all (or ~all):\n"
                        + domain
                        + ". IN TXT "
                        + quoted(fixed)));
      }
      List<String> ignored = new ArrayList<>();
      for (int i = 0; i < terms.size(); i++) {
        SpfTerm t = terms.get(i);
        if ((i > allAt && t instanceof SpfDirective)
            || (t instanceof SpfModifier m && m.isRedirect())) {
          ignored.add(t.text());
        }
      }
      if (!ignored.isEmpty()) {
        out.add(
            Finding.of(
                    SpfCodes.JUNK_AFTER_ALL,
                    domain,
                    "These terms are never evaluated because '"
                        + all.text()
                        + "' matches first (a redirect is ignored whenever 'all' is present): "
                        + String.join(" ", ignored))
                .withRemediation(
                    "Move the mechanisms before '"
                        + all.text()
                        + "', or remove them:\n"
                        + domain
                        + ". IN TXT "
                        + quoted(withoutJunk(rec, allAt))));
      }
    } else if (rec.redirect().isEmpty()) {
      out.add(
          Finding.of(
                  SpfCodes.NO_ALL,
                  domain,
                  "The record ends without 'all' or 'redirect=': hosts it does not"
                      + " list get neutral, which protects nothing.")
              .withRemediation(
                  "End the record with -all (or ~all while testing):\n"
                      + domain
                      + ". IN TXT "
                      + quoted(text.strip() + " -all")));
    }
    List<String> ptr = new ArrayList<>();
    for (SpfTerm t : terms) {
      boolean macroP = t.text().toLowerCase(Locale.ROOT).contains("%{p");
      if ((t instanceof SpfDirective d && d.mechanism() == SpfMechanism.PTR) || macroP) {
        ptr.add(t.text());
      }
    }
    if (!ptr.isEmpty()) {
      out.add(
          Finding.of(
                  SpfCodes.PTR,
                  domain,
                  "'"
                      + String.join("', '", ptr)
                      + "' relies on reverse DNS, which"
                      + " RFC 7208 §5.5 says SHOULD NOT be used: it is slow, costs lookups, and some receivers skip it.")
              .withRemediation(
                  "Replace it with ip4:/ip6: blocks or a: names of the hosts that send for "
                      + domain
                      + "."));
    }
    return out;
  }

  private static String withAll(SpfRecord rec, int allAt, String replacement) {
    List<String> parts = new ArrayList<>();
    parts.add("v=spf1");
    for (int i = 0; i < rec.terms().size(); i++) {
      parts.add(i == allAt ? replacement : rec.terms().get(i).text());
    }
    return String.join(" ", parts);
  }

  private static String withoutJunk(SpfRecord rec, int allAt) {
    List<String> head = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    head.add("v=spf1");
    for (int i = 0; i < rec.terms().size(); i++) {
      SpfTerm t = rec.terms().get(i);
      if (t instanceof SpfModifier m && m.isRedirect()) {
        continue;
      }
      if (i == allAt) {
        continue;
      }
      (t instanceof SpfModifier ? tail : head).add(t.text());
    }
    head.add(rec.terms().get(allAt).text());
    head.addAll(tail);
    return String.join(" ", head);
  }

  /**
   * The record as zone-file text: one quoted string, or several of at most 255 octets split at
   * spaces.
   */
  public static String quoted(String record) {
    if (record.length() <= 255) {
      return "\"" + record + "\"";
    }
    List<String> chunks = new ArrayList<>();
    String rest = record;
    while (rest.length() > 255) {
      int cut = rest.lastIndexOf(' ', 255);
      if (cut <= 0) {
        cut = 255;
      }
      chunks.add(rest.substring(0, cut));
      rest = rest.substring(cut);
    }
    chunks.add(rest);
    return "( \"" + String.join("\" \"", chunks) + "\" )";
  }
}
