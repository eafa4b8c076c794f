package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void reusesAResultWithinTheTtlAndReportsItsAge() {
    ManualClock clock = new ManualClock();
    ResultCache<String> cache = new ResultCache<>(Duration.ofSeconds(60), clock, 10);
    AtomicInteger computed = new AtomicInteger();
    var first =
        cache
            .get("k", () -> CompletableFuture.completedFuture("v" + computed.incrementAndGet()))
            .join();
    clock.now = clock.now.plusSeconds(20);
    var second =
        cache
            .get("k", () -> CompletableFuture.completedFuture("v" + computed.incrementAndGet()))
            .join();
    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(second.value()).isEqualTo("v1");
    assertThat(second.ageSeconds()).isEqualTo(20);
    clock.now = clock.now.plusSeconds(41);
    var third =
        cache
            .get("k", () -> CompletableFuture.completedFuture("v" + computed.incrementAndGet()))
            .join();
    assertThat(third.cached()).isFalse();
    assertThat(third.value()).isEqualTo("v2");
  }

  @Test
  void doesNotKeepFailures() {
    ResultCache<String> cache = new ResultCache<>(Duration.ofSeconds(60), new ManualClock(), 10);
    assertThat(cache.get("k", () -> CompletableFuture.failedFuture(new IllegalStateException("x"))))
        .isCompletedExceptionally();
    assertThat(cache.size()).isZero();
  }

  @Test
  void staysWithinItsSize() {
    ResultCache<String> cache = new ResultCache<>(Duration.ofSeconds(60), new ManualClock(), 3);
    for (int i = 0; i < 10; i++) {
      cache.get("k" + i, () -> CompletableFuture.completedFuture("v")).join();
    }
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void zeroTtlDisablesCaching() {
    ResultCache<String> cache = new ResultCache<>(Duration.ZERO, new ManualClock(), 3);
    cache.get("k", () -> CompletableFuture.completedFuture("v")).join();
    assertThat(cache.get("k", () -> CompletableFuture.completedFuture("w")).join().cached())
        .isFalse();
  }
}
