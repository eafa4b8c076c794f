package io.mxray.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  private final List<Duration> slept = new ArrayList<>();
  private final List<Map<String, String>> headers = new ArrayList<>();

  private WebhookNotifier notifier(int... statuses) {
    AtomicInteger i = new AtomicInteger();
    WebhookSender sender =
        (uri, h, body, timeout) -> {
          headers.add(h);
          int s = statuses[Math.min(i.getAndIncrement(), statuses.length - 1)];
          return new WebhookSender.Response(s, s == 0 ? "connection refused" : "");
        };
    return new WebhookNotifier(
        sender, Fixtures.CLOCK, slept::add, 4, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  @Test
  void signsTheTimestampAndBodyWithHmacSha256() {
    WebhookNotifier.Delivery d =
        notifier(204).send("https://hooks.example/x", "s3cret", "{\"a\":1}");
    assertThat(d.delivered()).isTrue();
    assertThat(d.attempts()).isEqualTo(1);
    Map<String, String> h = headers.get(0);
    String ts = h.get(WebhookNotifier.TIMESTAMP_HEADER);
    assertThat(ts).isEqualTo(Long.toString(Fixtures.CLOCK.instant().getEpochSecond()));
    assertThat(h.get(WebhookNotifier.SIGNATURE_HEADER))
        .isEqualTo(
            "sha256="
                + WebhookNotifier.sign("s3cret", ts, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    // Computed independently: python3 -c 'hmac.new(b"s3cret", b"1795435200.{\\"a\\":1}",
    // sha256).hexdigest()'
    assertThat(
            WebhookNotifier.sign(
                "s3cret", "1795435200", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("bb2ba4a82c538e7ecb6b48034618a5314169f421fee422ce8efa579b0ab1d597");
  }

  @Test
  void retriesWithDoublingBackoffOnServerErrorsAndNoResponse() {
    WebhookNotifier.Delivery d =
        notifier(503, 0, 429, 200).send("https://hooks.example/x", "", "{}");
    assertThat(d.delivered()).isTrue();
    assertThat(d.attempts()).isEqualTo(4);
    assertThat(slept)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(headers.get(0)).doesNotContainKey(WebhookNotifier.SIGNATURE_HEADER);
  }

  @Test
  void givesUpAtOnceOnAClientErrorAndAfterTheLastTry() {
    WebhookNotifier.Delivery notFound = notifier(404).send("https://hooks.example/x", "", "{}");
    assertThat(notFound.delivered()).isFalse();
    assertThat(notFound.attempts()).isEqualTo(1);
    slept.clear();
    WebhookNotifier.Delivery down = notifier(500).send("https://hooks.example/x", "", "{}");
    assertThat(down.attempts()).isEqualTo(4);
    assertThat(down.lastStatus()).isEqualTo(500);
    assertThat(notifier(200).send("ftp://hooks.example/x", "", "{}").delivered()).isFalse();
  }
}
