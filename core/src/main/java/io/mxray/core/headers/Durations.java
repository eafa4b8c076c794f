package io.mxray.core.headers;

/**
 * Durations as people read them in a hop table: "28 ms", "12 s", "3 m 5 s", "5 h 10 m", "2 d 3 h" —
 * two units at most, the larger first, a zero second unit left out.
 */
public final class Durations {

  private Durations() {}

  public static String compact(long millis) {
    String sign = millis < 0 ? "-" : "";
    long ms = Math.abs(millis);
    if (ms < 1000) {
      return ms == 0 ? "0 s" : sign + ms + " ms";
    }
    long s = ms / 1000;
    if (s < 60) {
      return sign + s + " s";
    }
    if (s < 3600) {
      return sign + two(s / 60, "m", s % 60, "s");
    }
    if (s < 86_400) {
      return sign + two(s / 3600, "h", s % 3600 / 60, "m");
    }
    return sign + two(s / 86_400, "d", s % 86_400 / 3600, "h");
  }

  private static String two(long a, String ua, long b, String ub) {
    return b == 0 ? a + " " + ua : a + " " + ua + " " + b + " " + ub;
  }
}
