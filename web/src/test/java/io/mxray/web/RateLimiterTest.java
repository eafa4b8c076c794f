package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void allowsABurstThenAsksToWaitThenRefills() {
    ResultCacheTest.ManualClock clock = new ResultCacheTest.ManualClock();
    RateLimiter limiter = new RateLimiter(6, clock);
    for (int i = 0; i < 6; i++) {
      assertThat(limiter.acquire("192.0.2.1")).isEmpty();
    }
    assertThat(limiter.acquire("192.0.2.1")).hasValue(10);
    assertThat(limiter.acquire("192.0.2.2")).as("clients are independent").isEmpty();
    clock.now = clock.now.plusSeconds(10);
    assertThat(limiter.acquire("192.0.2.1")).isEmpty();
  }

  @Test
  void zeroDisablesTheLimit() {
    RateLimiter limiter = new RateLimiter(0, new ResultCacheTest.ManualClock());
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire("x")).isEmpty();
    }
  }
}
