package io.mxray.core.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A forgiving date parser for Received and Date headers: RFC 5322 §3.3 dates (with or without the
 * day name, two-digit years, obsolete zone names, comments, fractional seconds) and the formats
 * seen in the wild (SendGrid's Go-style {@code 2018-04-22 02:54:17.028704749 +0000 UTC}, {@code
 * 4/20/2018 11:01:36 PM}, {@code Apr 21 2018 3:01:05}). A date without a zone is read as UTC. Pure;
 * never throws.
 */
public final class MailDate {

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("UT", 0),
          Map.entry("UTC", 0),
          Map.entry("GMT", 0),
          Map.entry("Z", 0),
          Map.entry("EST", -5 * 60),
          Map.entry("EDT", -4 * 60),
          Map.entry("CST", -6 * 60),
          Map.entry("CDT", -5 * 60),
          Map.entry("MST", -7 * 60),
          Map.entry("MDT", -6 * 60),
          Map.entry("PST", -8 * 60),
          Map.entry("PDT", -7 * 60),
          Map.entry("CET", 60),
          Map.entry("CEST", 120),
          Map.entry("BST", 60),
          Map.entry("JST", 9 * 60));

  private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
  private static final Pattern NUMERIC_ZONE = Pattern.compile("[+-]\\d{4}");
  private static final Pattern US_DATE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{2,4}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
  private static final Pattern US_DASH_DATE = Pattern.compile("\\d{1,2}-\\d{1,2}-\\d{4}");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
  private static final Pattern BROKEN_ZONE = Pattern.compile("[+-]\\d{1,3}");
  private static final Pattern DAY_NAME =
      Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private MailDate() {}

  /**
   * Parses a date; {@code requireTime} rejects dates without a time of day (used when guessing
   * whether the tail of a Received header is a date).
   */
  public static Optional<Instant> parse(String text, boolean requireTime) {
    if (text == null || text.isBlank() || text.length() > 200) {
      return Optional.empty();
    }
    String s = stripComments(text).replace(',', ' ').strip();
    String[] tokens = SPACES.split(s);
    Integer year = null;
    Integer month = null;
    Integer day = null;
    LocalTime time = null;
    Integer offsetMinutes = null;
    boolean pm = false;
    boolean am = false;
    List<String> bareNumbers = new ArrayList<>();
    for (String raw : tokens) {
      if (raw.isEmpty()) {
        continue;
      }
      String t = raw.toLowerCase(Locale.ROOT);
      // Cheap character tests first: each pattern below only runs on tokens that could match it.
      char c0 = t.charAt(0);
      boolean letter = Character.isLetter(c0);
      boolean digit = c0 >= '0' && c0 <= '9';
      boolean signed = c0 == '+' || c0 == '-';
      boolean dayName = letter && isDayName(t);
      if (letter
          && t.length() >= 3
          && MONTHS.contains(t.substring(0, 3))
          && month == null
          && !dayName) {
        month = MONTHS.indexOf(t.substring(0, 3)) + 1;
      } else if (dayName) {
        continue;
      } else if (t.equals("am") || t.equals("pm")) {
        pm = t.equals("pm");
        am = !pm;
      } else if (time == null && digit && t.indexOf(':') > 0 && TIME.matcher(t).matches()) {
        time = parseTime(t);
        if (time == null) {
          return Optional.empty();
        }
      } else if (signed && t.length() == 5 && NUMERIC_ZONE.matcher(t).matches()) {
        int sign = t.charAt(0) == '-' ? -1 : 1;
        int hh = Integer.parseInt(t.substring(1, 3));
        int mm = Integer.parseInt(t.substring(3, 5));
        if (hh > 23 || mm > 59) {
          return Optional.empty();
        }
        offsetMinutes = sign * (hh * 60 + mm);
      } else if (ZONES.containsKey(raw.toUpperCase(Locale.ROOT))) {
        if (offsetMinutes == null) {
          offsetMinutes = ZONES.get(raw.toUpperCase(Locale.ROOT));
        }
      } else if (digit && t.indexOf('/') > 0 && US_DATE.matcher(t).matches()) {
        String[] p = t.split("/");
        month = Integer.parseInt(p[0]);
        day = Integer.parseInt(p[1]);
        year = year(p[2]);
      } else if (digit && t.indexOf('-') > 0 && ISO_DATE.matcher(t).matches()) {
        String[] p = t.split("-");
        year = Integer.parseInt(p[0]);
        month = Integer.parseInt(p[1]);
        day = Integer.parseInt(p[2]);
      } else if (digit && t.indexOf('-') > 0 && US_DASH_DATE.matcher(t).matches()) {
        String[] p = t.split("-");
        month = Integer.parseInt(p[0]);
        day = Integer.parseInt(p[1]);
        year = Integer.parseInt(p[2]);
      } else if (digit && t.length() <= 4 && NUMBER.matcher(t).matches()) {
        bareNumbers.add(t);
      } else if (signed && BROKEN_ZONE.matcher(t).matches()) {
        continue; // a broken zone such as "-080": read as UTC rather than reject the date
      } else {
        return Optional.empty();
      }
    }
    for (String n : bareNumbers) {
      int v = Integer.parseInt(n);
      if (day == null
          && v >= 1
          && v <= 31
          && n.length() <= 2
          && (year != null || bareNumbers.size() > 1 || month != null)) {
        day = v;
      } else if (year == null) {
        year = year(n);
      } else {
        return Optional.empty();
      }
    }
    if (year == null || month == null || day == null) {
      return Optional.empty();
    }
    if (time == null) {
      if (requireTime) {
        return Optional.empty();
      }
      time = LocalTime.MIDNIGHT;
    }
    if (pm && time.getHour() < 12) {
      time = time.plusHours(12);
    } else if (am && time.getHour() == 12) {
      time = time.minusHours(12);
    }
    try {
      LocalDateTime ldt = LocalDateTime.of(LocalDate.of(year, month, day), time);
      int off = offsetMinutes == null ? 0 : offsetMinutes;
      return Optional.of(ldt.toInstant(ZoneOffset.ofTotalSeconds(off * 60)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isDayName(String t) {
    return DAY_NAME.matcher(t).matches();
  }

  /**
   * RFC 5322 §4.3 obsolete years: two digits are 2000-2049 below 50, else 1900-1999; three digits
   * (a year counted from 1900, as C's {@code tm_year} prints it: "106" is 2006) add 1900.
   */
  private static int year(String y) {
    String digits = y;
    int v = Integer.parseInt(digits);
    if (digits.length() <= 2) {
      return v < 50 ? 2000 + v : 1900 + v;
    }
    if (digits.length() == 3) {
      return 1900 + v;
    }
    return v;
  }

  private static LocalTime parseTime(String t) {
    String[] p = t.split(":");
    int h = Integer.parseInt(p[0]);
    int m = Integer.parseInt(p[1]);
    int sec = 0;
    int nanos = 0;
    if (p.length > 2) {
      String sp = p[2];
      int dot = sp.indexOf('.');
      if (dot >= 0) {
        String frac = (sp.substring(dot + 1) + "000").substring(0, 3); // milliseconds are enough
        nanos = Integer.parseInt(frac) * 1_000_000;
        sp = sp.substring(0, dot);
      }
      sec = Integer.parseInt(sp);
    }
    if (h > 23 || m > 59 || sec > 60) {
      return null;
    }
    return LocalTime.of(h, m, Math.min(sec, 59), nanos);
  }

  /** Removes (comments), which may nest (RFC 5322 §3.2.2). */
  public static String stripComments(String s) {
    if (s.indexOf('(') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && depth > 0 && i + 1 < s.length()) {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
        if (depth == 0) {
          b.append(' ');
        }
      } else if (depth == 0) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
