package io.mxray.reports;

import io.mxray.core.finding.Severity;

/** Terminal colours, or none. */
public record Ansi(boolean enabled) {

  public static final Ansi OFF = new Ansi(false);

  public String severity(Severity s, String text) {
    if (!enabled) {
      return text;
    }
    String code =
        switch (s) {
          case PASS -> "32";
          case INFO -> "36";
          case WARN -> "33";
          case FAIL -> "1;31";
          case INCONCLUSIVE -> "35";
        };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }

  public String bold(String text) {
    return enabled ? "\u001b[1m" + text + "\u001b[0m" : text;
  }

  public String dim(String text) {
    return enabled ? "\u001b[2m" + text + "\u001b[0m" : text;
  }

  /** Removes control characters from attacker-controlled text so it cannot drive the terminal. */
  public static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        b.append(c);
      } else {
        b.append('\uFFFD');
      }
    }
    return b.toString();
  }
}
