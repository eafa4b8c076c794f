package io.mxray.core.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What was said on one connection: each line with its direction and time offset from the start of
 * the probe. Capped in lines and line length; lines are stored without CR LF. mxray never sends
 * credentials, so a transcript never contains any.
 */
public final class Transcript {

  /** Who spoke: the client (mxray), the server, or a note about the connection (connect, TLS). */
  public enum Direction {
    CLIENT("C"),
    SERVER("S"),
    NOTE("*");

    private final String symbol;

    Direction(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** One line; {@code ms} is the offset from the start of the probe. */
  public record Entry(Direction direction, long ms, String line) {
    @Override
    public String toString() {
      return String.format("%6d ms %s: %s", ms, direction.symbol(), line);
    }
  }

  public static final int MAX_ENTRIES = 400;
  public static final int MAX_LINE = 512;

  private final long startNanos;
  private final List<Entry> entries = new ArrayList<>();
  private boolean truncated;

  public Transcript(long startNanos) {
    this.startNanos = startNanos;
  }

  public static Transcript startingNow() {
    return new Transcript(System.nanoTime());
  }

  public synchronized void add(Direction d, String line) {
    if (entries.size() >= MAX_ENTRIES) {
      truncated = true;
      return;
    }
    String text =
        line.length() > MAX_LINE
            ? line.substring(0, MAX_LINE) + "…[" + line.length() + " chars]"
            : line;
    entries.add(new Entry(d, elapsedMs(), text));
  }

  public void client(String line) {
    add(Direction.CLIENT, line);
  }

  public void server(String line) {
    add(Direction.SERVER, line);
  }

  public void note(String line) {
    add(Direction.NOTE, line);
  }

  public long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public synchronized List<Entry> entries() {
    List<Entry> copy = new ArrayList<>(entries);
    if (truncated) {
      copy.add(
          new Entry(
              Direction.NOTE, elapsedMs(), "transcript truncated at " + MAX_ENTRIES + " lines"));
    }
    return Collections.unmodifiableList(copy);
  }

  /** The last few lines, as finding evidence. */
  public synchronized List<String> tail(int n) {
    List<Entry> all = entries();
    return all.subList(Math.max(0, all.size() - n), all.size()).stream()
        .map(Entry::toString)
        .toList();
  }
}
