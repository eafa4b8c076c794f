package io.mxray.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A short-lived cache of results so monitoring polls do not hammer DNS and mail servers. Concurrent
 * requests for the same key share one computation; failed computations are not kept; at most {@code
 * maxEntries} results are held (oldest dropped first).
 */
public final class ResultCache<V> {

  /** A result and how old it is. */
  public record Hit<V>(V value, boolean cached, long ageSeconds, long ttlSeconds) {}

  private record Entry<V>(CompletableFuture<V> future, long createdMs) {}

  private final Duration ttl;
  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Entry<V>> entries = new LinkedHashMap<>();

  public ResultCache(Duration ttl, Clock clock, int maxEntries) {
    this.ttl = ttl;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * The cached result for {@code key}, or the result of {@code compute} (then cached for the TTL).
   */
  public CompletableFuture<Hit<V>> get(String key, Supplier<CompletableFuture<V>> compute) {
    long now = clock.millis();
    Entry<V> e;
    boolean cached;
    synchronized (this) {
      e = entries.get(key);
      if (e != null && now - e.createdMs() >= ttl.toMillis()) {
        entries.remove(key);
        e = null;
      }
      cached = e != null;
      if (e == null) {
        e = new Entry<>(new CompletableFuture<>(), now);
        if (!ttl.isZero()) {
          entries.put(key, e);
          while (entries.size() > maxEntries) {
            entries.remove(entries.keySet().iterator().next());
          }
        }
      }
    }
    Entry<V> entry = e;
    if (!cached) {
      CompletableFuture<V> f;
      try {
        f = compute.get();
      } catch (RuntimeException ex) {
        f = CompletableFuture.failedFuture(ex);
      }
      f.whenComplete(
          (v, ex) -> {
            if (ex != null) {
              synchronized (this) {
                entries.remove(key, entry);
              }
              entry.future().completeExceptionally(ex);
            } else {
              entry.future().complete(v);
            }
          });
    }
    long ttlSeconds = ttl.toSeconds();
    return entry
        .future()
        .thenApply(
            v ->
                new Hit<>(
                    v,
                    cached,
                    Math.max(0, (clock.millis() - entry.createdMs()) / 1000),
                    ttlSeconds));
  }

  public synchronized int size() {
    return entries.size();
  }
}
