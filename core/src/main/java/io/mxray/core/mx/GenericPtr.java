package io.mxray.core.mx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises reverse-DNS names that look dynamic or generic — end-user and broadband pools that
 * receivers commonly refuse to take mail from directly. The rules are S25R (Selective SMTP
 * Rejection, Asami Hideo, 2004) rules 1–6, plus one mxray rule for pool keywords (dsl, dyn, dhcp,
 * ppp, pool, cable, ipngn …) that S25R leaves to its whitelist. Pure: a name in, the matching rule
 * out.
 */
public final class GenericPtr {

  /** A rule that matched: its name and what it looks for. */
  public record Match(String rule, String description) {}

  private record Rule(String name, Pattern pattern, String description) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "S25R rule 1",
              Pattern.compile("^[^.]*[0-9][^0-9.]+[0-9].*\\."),
              "the first label has digits, then non-digits, then digits (e.g. p1234-ipngn56tokyo)"),
          new Rule(
              "S25R rule 2",
              Pattern.compile("^[^.]*[0-9]{5}"),
              "the first label has five or more consecutive digits"),
          new Rule(
              "S25R rule 3",
              Pattern.compile("^([^.]+\\.)?[0-9][^.]*\\.[^.]+\\..+\\.[a-z]"),
              "the first or second label starts with a digit, below a deep domain"),
          new Rule(
              "S25R rule 4",
              Pattern.compile("^[^.]*[0-9]\\.[^.]*[0-9]-[0-9]"),
              "the first two labels end in digits, the second with digit-hyphen-digit"),
          new Rule(
              "S25R rule 5",
              Pattern.compile("^[^.]*[0-9]\\.[^.]*[0-9]\\.[^.]+\\..+\\."),
              "the first two labels both end in a digit"),
          new Rule(
              "S25R rule 6",
              Pattern.compile("^(dhcp|dialup|ppp|[achrsvx]?dsl)[^.]*[0-9]"),
              "the name starts with dhcp, dialup, ppp or *dsl followed by digits"),
          new Rule(
              "mxray pool keywords",
              Pattern.compile(
                  "(^|[.\\-_0-9])(a?dsl|vdsl|xdsl|dyn|dynamic|dhcp|dialup|dial|ppp|pppoe|pool|cable|catv"
                      + "|broadband|ipngn|ftth|fttx|cust|customer|client|user|res|residential|dyndsl|mobile)([.\\-_0-9]|$)"),
              "a label or label part names a dynamic/end-user pool (dsl, dyn, dhcp, ppp, pool, cable, ipngn, …)"));

  private GenericPtr() {}

  /** The first rule that {@code ptrName} matches, if any. */
  public static Optional<Match> match(String ptrName) {
    String name = ptrName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    // The keyword rule must not look at the registered domain itself (e.g. "mail.pool.example" is
    // fine
    // only if "pool" is the organisation); it inspects the labels left of the last two.
    String[] labels = name.split("\\.");
    String host =
        labels.length > 2
            ? String.join(".", java.util.Arrays.copyOf(labels, labels.length - 2))
            : "";
    for (Rule r : RULES) {
      boolean keywordRule = r.name().startsWith("mxray");
      String subject = keywordRule ? host : name + ".";
      if (!subject.isEmpty() && r.pattern().matcher(subject).find()) {
        return Optional.of(new Match(r.name(), r.description()));
      }
    }
    return Optional.empty();
  }
}
