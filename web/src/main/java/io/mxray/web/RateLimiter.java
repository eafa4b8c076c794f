package io.mxray.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-client token buckets: each client address may make {@code perMinute} requests in a burst,
 * refilled continuously at {@code perMinute} per minute. Tracks at most {@code maxClients}
 * addresses (least recently seen forgotten first), so memory stays bounded under a flood of source
 * addresses.
 */
public final class RateLimiter {

  private static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<String, double[]> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  public RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes a token; empty if allowed, else the seconds to wait (for Retry-After). */
  public synchronized OptionalLong acquire(String client) {
    if (perMinute <= 0) {
      return OptionalLong.empty();
    }
    double now = clock.millis() / 1000.0;
    double[] b = buckets.computeIfAbsent(client, k -> new double[] {perMinute, now});
    double rate = perMinute / 60.0;
    b[0] = Math.min(perMinute, b[0] + (now - b[1]) * rate);
    b[1] = now;
    if (b[0] >= 1) {
      b[0] -= 1;
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - b[0]) / rate)));
  }
}
