package io.mxray.core.bimi;

import io.mxray.core.syntax.TagList;

/**
 * A BIMI assertion record at {@code <selector>._bimi.<domain>}: {@code v=BIMI1; l=<https SVG URL>;
 * a=<https PEM URL>}. An empty l= declines to show a logo. Pure parser.
 *
 * @param logo l= (empty when declined)
 * @param authority a= (empty when absent)
 * @param error empty when valid
 */
public record BimiRecord(String logo, String authority, String error) {

  /** Longest URL accepted. */
  public static final int MAX_URL = 2048;

  public boolean valid() {
    return error.isEmpty();
  }

  /** v=BIMI1 with an empty l=: the domain declines BIMI. */
  public boolean declined() {
    return valid() && logo.isEmpty();
  }

  public static boolean isBimi(String txt) {
    return txt.stripLeading().matches("(?s)v\\s*=\\s*BIMI1\\s*(;.*)?");
  }

  public static BimiRecord parse(String text) {
    TagList t = TagList.parse(text);
    if (!t.ok()) {
      return new BimiRecord(
          "", "", "syntax error at position " + t.errorPosition() + ": " + t.error());
    }
    if (t.tags().isEmpty()
        || !t.tags().keySet().iterator().next().equals("v")
        || !t.get("v").get().equals("BIMI1")) {
      return new BimiRecord("", "", "the record must start with v=BIMI1");
    }
    String l = t.get("l").orElse("");
    String a = t.get("a").orElse("");
    if (l.contains(",")) {
      return new BimiRecord(l, a, "l= must hold a single URL");
    }
    for (String[] u : new String[][] {{"l", l}, {"a", a}}) {
      if (!u[1].isEmpty()
          && (!u[1].regionMatches(true, 0, "https://", 0, 8)
              || u[1].length() > MAX_URL
              || u[1].chars().anyMatch(c -> c <= ' '))) {
        return new BimiRecord(
            l, a, u[0] + "= must be an https:// URL (found '" + abbreviate(u[1]) + "')");
      }
    }
    if (!t.has("l") && a.isEmpty()) {
      return new BimiRecord("", "", "neither l= nor a= is present");
    }
    return new BimiRecord(l, a, "");
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
