package io.mxray.core.probe;

import java.time.Duration;

/**
 * The time budget of one probe: a per-step timeout (connect, one reply, one handshake) inside an
 * overall deadline for the whole port. Every wait asks {@link #step()} for its limit.
 */
final class Deadline {

  private final long endNanos;
  private final Duration step;
  private final Duration greeting;

  Deadline(Duration step, Duration overall) {
    this(step, overall, step);
  }

  /** With a separate limit for the SMTP greeting, which servers delay on purpose. */
  Deadline(Duration step, Duration overall, Duration greeting) {
    this.step = step;
    this.greeting = greeting;
    this.endNanos = System.nanoTime() + overall.toNanos();
  }

  /** The absolute end of a greeting wait starting now, in nanoTime. */
  long greetingEndNanos() {
    return System.nanoTime() + min(greeting, remaining()).toNanos();
  }

  Duration greeting() {
    return min(greeting, remaining());
  }

  /**
   * Time left for the next step: the step timeout or what is left overall, whichever is shorter.
   */
  Duration step() {
    return min(step, remaining());
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  boolean expired() {
    return System.nanoTime() >= endNanos;
  }

  /** The absolute end of a step starting now, in nanoTime. */
  long stepEndNanos() {
    return System.nanoTime() + step().toNanos();
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
