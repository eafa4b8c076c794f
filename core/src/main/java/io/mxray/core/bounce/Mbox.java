package io.mxray.core.bounce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;

/**
 * Splits an mbox file (RFC 4155 "default" format: each message starts with a {@code From } line at
 * the start of the file or after a blank line) into messages. Each message is capped at {@link
 * DsnParser#MAX_BYTES} (the rest is skipped); the number of messages is capped too.
 */
public final class Mbox {

  /** Messages read from one mbox file at most. */
  public static final int MAX_MESSAGES = 100_000;

  private Mbox() {}

  /** Whether the data starts like an mbox ("From " line). */
  public static boolean looksLikeMbox(byte[] start) {
    return start.length >= 5
        && start[0] == 'F'
        && start[1] == 'r'
        && start[2] == 'o'
        && start[3] == 'm'
        && start[4] == ' ';
  }

  /**
   * Calls {@code sink} with (1-based index, message bytes including its From line; the message
   * reader skips that line) for every message. Returns the number of messages.
   */
  public static int split(InputStream raw, BiConsumer<Integer, byte[]> sink) throws IOException {
    InputStream in =
        raw instanceof java.io.BufferedInputStream
            ? raw
            : new java.io.BufferedInputStream(raw, 65536);
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean previousBlank = true;
    boolean started = false;
    int count = 0;
    int b;
    while ((b = in.read()) != -1) {
      line.write(b);
      if (b != '\n') {
        continue;
      }
      byte[] l = line.toByteArray();
      line.reset();
      boolean fromLine = previousBlank && looksLikeMbox(l);
      if (fromLine && started) {
        if (++count > MAX_MESSAGES) {
          return count - 1;
        }
        sink.accept(count, current.toByteArray());
        current.reset();
      }
      started = started || fromLine || l.length > 0;
      if (current.size() + l.length <= DsnParser.MAX_BYTES + 1) {
        current.write(l, 0, l.length);
      }
      previousBlank = l.length == 1 || (l.length == 2 && l[0] == '\r');
    }
    if (line.size() > 0 && current.size() + line.size() <= DsnParser.MAX_BYTES + 1) {
      current.write(line.toByteArray(), 0, line.size());
    }
    if (current.size() > 0 && count < MAX_MESSAGES) {
      sink.accept(++count, current.toByteArray());
    }
    return count;
  }
}
