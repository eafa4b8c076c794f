package io.mxray.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueryRateLimiterTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void allowsOneSecondOfBurstThenSpacesQuestionsEvenly() {
    AtomicLong now = new AtomicLong(10 * SECOND);
    QueryRateLimiter limiter = new QueryRateLimiter(100, now::get);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.reserve()).as("burst question %d", i).isZero();
    }
    assertThat(limiter.reserve()).isEqualTo(0); // slot at exactly "now"
    assertThat(limiter.reserve()).isEqualTo(SECOND / 100);
    assertThat(limiter.reserve()).isEqualTo(2 * SECOND / 100);
  }

  @Test
  void idleTimeRefillsTheBucketButNoMoreThanOneSecond() {
    AtomicLong now = new AtomicLong(10 * SECOND);
    QueryRateLimiter limiter = new QueryRateLimiter(10, now::get);
    for (int i = 0; i < 15; i++) {
      limiter.reserve();
    }
    now.addAndGet(60 * SECOND);
    int free = 0;
    while (limiter.reserve() == 0) {
      free++;
    }
    assertThat(free).isEqualTo(11); // ten for the burst plus the slot at "now"
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> new QueryRateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
