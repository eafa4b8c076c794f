package io.mxray.core.mtasts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An MTA-STS policy file (RFC 8461 §3.2): "key: value" lines. Pure parser: {@link #parse} never
 * throws; errors name their line.
 *
 * @param version "STSv1"
 * @param mode enforce, testing or none
 * @param maxAgeSeconds max_age
 * @param mx MX host patterns ("mail.example.com", "*.example.net")
 * @param errors problems found, each "line N: ..."; empty for a valid policy
 */
public record MtaStsPolicy(
    String version, Mode mode, long maxAgeSeconds, List<String> mx, List<String> errors) {

  /** Longest policy accepted (the RFC suggests senders cap at 64 KiB). */
  public static final int MAX_BYTES = 64 * 1024;

  /** max_age upper bound (§3.2: 31557600 seconds, about a year). */
  public static final long MAX_AGE_LIMIT = 31_557_600L;

  public enum Mode {
    ENFORCE,
    TESTING,
    NONE,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public MtaStsPolicy {
    mx = List.copyOf(mx);
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * True if {@code host} matches one of the mx patterns (§4.1: a wildcard covers exactly one
   * label).
   */
  public boolean covers(String host) {
    return mx.stream().anyMatch(p -> matches(p, host));
  }

  static boolean matches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
    }
    return p.equals(h);
  }

  public static MtaStsPolicy parse(String text) {
    List<String> errors = new ArrayList<>();
    String version = "";
    Mode mode = Mode.UNKNOWN;
    long maxAge = -1;
    List<String> mx = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    boolean seenVersion = false;
    boolean seenMode = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        errors.add("line " + n + ": '" + abbreviate(line) + "' is not a 'key: value' line");
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "version" -> {
          if (seenVersion) {
            errors.add("line " + n + ": version appears twice");
          }
          seenVersion = true;
          version = value;
          if (!value.equals("STSv1")) {
            errors.add("line " + n + ": version must be STSv1, not '" + abbreviate(value) + "'");
          }
        }
        case "mode" -> {
          if (seenMode) {
            errors.add("line " + n + ": mode appears twice");
          }
          seenMode = true;
          mode =
              switch (value) {
                case "enforce" -> Mode.ENFORCE;
                case "testing" -> Mode.TESTING;
                case "none" -> Mode.NONE;
                default -> {
                  errors.add(
                      "line "
                          + n
                          + ": mode must be enforce, testing or none, not '"
                          + abbreviate(value)
                          + "'");
                  yield Mode.UNKNOWN;
                }
              };
        }
        case "max_age" -> {
          if (maxAge >= 0) {
            errors.add("line " + n + ": max_age appears twice");
          }
          if (!value.matches("\\d{1,10}") || Long.parseLong(value) > MAX_AGE_LIMIT) {
            errors.add(
                "line " + n + ": max_age must be a number of seconds from 0 to " + MAX_AGE_LIMIT);
            maxAge = 0;
          } else {
            maxAge = Long.parseLong(value);
          }
        }
        case "mx" -> {
          String p = value.toLowerCase(Locale.ROOT);
          if (!p.matches(
              "(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z0-9-]{2,63}\\.?")) {
            errors.add(
                "line "
                    + n
                    + ": mx '"
                    + abbreviate(value)
                    + "' is not a host name or a *.domain pattern");
          } else {
            mx.add(p.endsWith(".") ? p.substring(0, p.length() - 1) : p);
          }
        }
        default -> {
          // §3.2: unknown fields are ignored (extensions).
        }
      }
      if (mx.size() > 256) {
        errors.add("more than 256 mx lines");
        break;
      }
    }
    if (!seenVersion) {
      errors.add("the version field is missing");
    }
    if (!seenMode) {
      errors.add("the mode field is missing");
    }
    if (maxAge < 0) {
      errors.add("the max_age field is missing");
      maxAge = 0;
    }
    if (mx.isEmpty() && mode != Mode.NONE) {
      errors.add("no mx field: with mode " + mode.id() + " at least one mx pattern is required");
    }
    return new MtaStsPolicy(version, mode, maxAge, mx, errors);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
