package io.mxray.core.spf;

import java.util.List;
import java.util.Optional;

/**
 * A parsed SPF record (RFC 7208 §4.6): its terms in order.
 *
 * @param text the record as published (strings joined)
 * @param terms directives and modifiers in order
 */
public record SpfRecord(String text, List<SpfTerm> terms) {

  public SpfRecord {
    terms = List.copyOf(terms);
  }

  public List<SpfDirective> directives() {
    return terms.stream()
        .filter(t -> t instanceof SpfDirective)
        .map(t -> (SpfDirective) t)
        .toList();
  }

  public Optional<SpfModifier> redirect() {
    return modifier("redirect");
  }

  public Optional<SpfModifier> exp() {
    return modifier("exp");
  }

  public Optional<SpfModifier> modifier(String name) {
    return terms.stream()
        .filter(t -> t instanceof SpfModifier m && m.name().equals(name))
        .map(t -> (SpfModifier) t)
        .findFirst();
  }

  /** The first {@code all} directive, if any. */
  public Optional<SpfDirective> all() {
    return directives().stream().filter(d -> d.mechanism() == SpfMechanism.ALL).findFirst();
  }

  /** True for a TXT string that is an SPF record: "v=spf1" alone or followed by a space (§4.5). */
  public static boolean isSpf(String txt) {
    return txt.regionMatches(true, 0, "v=spf1", 0, 6)
        && (txt.length() == 6 || txt.charAt(6) == ' ');
  }
}
