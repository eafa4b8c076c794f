package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchProgressTest {

  @Test
  void showsCountRateAndTimeLeft() {
    String line = BatchProgress.line(500, 1000, 2_000_000_000L, 80);
    assertThat(line).contains("500/1000", "250/s", "ETA 00:02");
    assertThat(line).hasSizeLessThanOrEqualTo(80);
    assertThat(line.chars().filter(c -> c == '#').count())
        .isEqualTo(line.chars().filter(c -> c == '.').count());
  }

  @Test
  void hasNoEtaBeforeTheFirstResultAndAFullBarAtTheEnd() {
    assertThat(BatchProgress.line(0, 10, 1, 80)).contains("ETA --:--").doesNotContain("#");
    assertThat(BatchProgress.line(10, 10, 1_000_000_000L, 80)).doesNotContain("..");
    assertThat(BatchProgress.duration(3725)).isEqualTo("1:02:05");
  }
}
