package io.mxray.reports;

import java.util.Locale;

/**
 * The one-line progress bar a batch shows on a terminal: bar, count, rate and time left. Pure: the
 * caller decides when and where to draw it (stderr, with a carriage return).
 */
public final class BatchProgress {

  private BatchProgress() {}

  /**
   * @param done audits finished
   * @param total audits planned
   * @param elapsedNanos time since the batch started
   * @param width characters available (the bar shrinks to fit)
   */
  public static String line(long done, long total, long elapsedNanos, int width) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    double rate = done / seconds;
    String eta =
        done == 0 || total <= done
            ? "--:--"
            : duration((long) ((total - done) / Math.max(rate, 1e-9)));
    String tail = String.format(Locale.ROOT, " %d/%d  %.0f/s  ETA %s", done, total, rate, eta);
    int barWidth = Math.max(10, Math.min(40, width - tail.length() - 2));
    int filled = total == 0 ? barWidth : (int) Math.min(barWidth, done * barWidth / total);
    return "[" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + tail;
  }

  static String duration(long seconds) {
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }
}
