package io.mxray.core.batch;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A global limit on DNS questions per second, shared by every audit of a batch: a token bucket with
 * a burst of one second's worth. {@link #reserve()} hands out start times; callers either sleep
 * until theirs ({@link #acquire()}) or schedule the question for then (async paths), so no thread
 * spins.
 */
public final class QueryRateLimiter {

  private final long intervalNanos;
  private final long burstNanos;
  private final LongSupplier nanoClock;
  private long next;

  /**
   * @param qps questions per second, at least 1
   */
  public QueryRateLimiter(int qps) {
    this(qps, System::nanoTime);
  }

  QueryRateLimiter(int qps, LongSupplier nanoClock) {
    if (qps < 1) {
      throw new IllegalArgumentException("qps must be at least 1");
    }
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / qps;
    this.burstNanos = TimeUnit.SECONDS.toNanos(1);
    this.nanoClock = nanoClock;
    this.next = nanoClock.getAsLong() - burstNanos;
  }

  /**
   * Claims the next slot; returns how many nanoseconds the caller must wait before using it (0:
   * now).
   */
  public synchronized long reserve() {
    long now = nanoClock.getAsLong();
    // Idle time refills the bucket, up to one second of burst.
    if (next < now - burstNanos) {
      next = now - burstNanos;
    }
    long slot = next;
    next += intervalNanos;
    return Math.max(0, slot - now);
  }

  /** Waits for a slot. Returns false if interrupted (the interrupt flag is kept). */
  public boolean acquire() {
    long wait = reserve();
    if (wait <= 0) {
      return true;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
