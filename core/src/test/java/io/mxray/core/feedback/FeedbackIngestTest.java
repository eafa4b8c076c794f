package io.mxray.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.core.watch.WatchEntry;
import io.mxray.core.watch.WebhookNotifier;
import io.mxray.core.watch.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackIngestTest {

  @TempDir Path dir;

  @Test
  void alertsTheWatchWebhookWhenANewSourceFailsAfterTheBaseline() {
    Clock clock = Clock.fixed(Instant.parse("2025-12-03T00:00:00Z"), ZoneOffset.UTC);
    List<Map<String, String>> sent = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    WebhookSender sender =
        (target, headers, body, timeout) -> {
          sent.add(headers);
          bodies.add(new String(body, StandardCharsets.UTF_8));
          return new WebhookSender.Response(204, "");
        };
    try (JdbcWatchStore watch = JdbcWatchStore.sqlite(dir);
        JdbcFeedbackStore store = JdbcFeedbackStore.sqlite(dir, new FeedbackReader())) {
      watch.put(
          WatchEntry.create(
              "lab.example",
              Duration.ofHours(1),
              "https://hooks.example/x",
              "s3cret",
              clock.instant()));
      FeedbackIngest ingest =
          new FeedbackIngest(
              new FeedbackReader(),
              store,
              Optional.of(watch),
              Optional.of(WebhookNotifier.standard(sender, clock)),
              a -> "{\"ip\":\"" + a.ip() + "\"}",
              clock);
      // The first report is the baseline: its failing sources are remembered, not alerted.
      FeedbackIngest.Result first = ingest.ingest("a.xml", ReportFixtures.bytes("rfc7489.xml"));
      assertThat(first.stored()).hasSize(1);
      assertThat(first.alerts()).isEmpty();
      // A later report with new failing sources alerts once per source.
      FeedbackIngest.Result second = ingest.ingest("b.xml", ReportFixtures.bytes("insight.xml"));
      assertThat(second.alerts())
          .extracting(FeedbackIngest.Alert::ip)
          .containsExactly("203.0.113.50", "203.0.113.80", "192.0.2.77", "203.0.113.99");
      assertThat(second.deliveries()).hasSize(4).allMatch(WebhookNotifier.Delivery::delivered);
      assertThat(sent.get(0)).containsEntry("X-Mxray-Event", "report.new-failing-source");
      assertThat(sent.get(0).get("X-Mxray-Signature")).startsWith("sha256=");
      assertThat(bodies.get(0)).isEqualTo("{\"ip\":\"203.0.113.50\"}");
      // The same report again: a duplicate, nothing new.
      FeedbackIngest.Result again = ingest.ingest("b.xml", ReportFixtures.bytes("insight.xml"));
      assertThat(again.stored()).allMatch(FeedbackStore.Added::duplicate);
      assertThat(again.alerts()).isEmpty();
    }
  }
}
