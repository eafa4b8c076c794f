package io.mxray.reports.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row of a message's hop table (template partial {@code parts/hops.hbs}): who handed the
 * message to whom, when, and the delay since the previous hop as a bar scaled to the slowest hop.
 * Built from plain rows so that the headers analysis can feed it whatever its own {@code Hop}
 * record looks like.
 *
 * @param barPercent 0–100, the delay relative to the slowest hop (an integer: safe in a style
 *     attribute)
 * @param slow true when the delay is over {@link #SLOW}
 */
public record HopView(
    int number,
    String from,
    String by,
    String with,
    String received,
    String delay,
    int barPercent,
    boolean slow) {

  /** A delay worth flagging in the table. */
  public static final Duration SLOW = Duration.ofMinutes(5);

  /** What the headers analysis knows about one hop, oldest first. */
  public record Row(String from, String by, String with, Optional<Instant> received) {}

  public static List<HopView> of(List<Row> rows) {
    List<Duration> delays = new ArrayList<>();
    Instant previous = null;
    for (Row r : rows) {
      Instant t = r.received().orElse(null);
      delays.add(t != null && previous != null ? Duration.between(previous, t) : null);
      if (t != null) {
        previous = t;
      }
    }
    long max =
        delays.stream()
            .filter(d -> d != null && !d.isNegative())
            .mapToLong(Duration::toMillis)
            .max()
            .orElse(0);
    List<HopView> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Duration d = delays.get(i);
      int bar =
          d == null || d.isNegative() || max == 0
              ? 0
              : (int) Math.round(100.0 * d.toMillis() / max);
      out.add(
          new HopView(
              i + 1,
              r.from(),
              r.by(),
              r.with(),
              r.received().map(Instant::toString).orElse("—"),
              label(d),
              bar,
              d != null && d.compareTo(SLOW) > 0));
    }
    return out;
  }

  static String label(Duration d) {
    if (d == null) {
      return "—";
    }
    if (d.isNegative()) {
      return "clock skew (" + label(d.negated()) + " earlier)";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
