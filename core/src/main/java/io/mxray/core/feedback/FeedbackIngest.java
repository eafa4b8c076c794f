package io.mxray.core.feedback;

import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.watch.WatchEntry;
import io.mxray.core.watch.WatchStore;
import io.mxray.core.watch.WebhookNotifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Takes in one input from any channel (file import, HTTP upload, the SMTP receiver, the IMAP pull):
 * reads it, stores its reports and raises an alert for every source that fails DMARC for a domain
 * for the first time. A domain's first stored aggregate report is its baseline: its failing sources
 * are remembered, not alerted (as the watch list's first audit). Alerts go to the webhook of the
 * domain's watch entry, if it is watched and has one, as event {@code report.new-failing-source}.
 */
public final class FeedbackIngest {

  /** A source that failed DMARC for a domain for the first time. */
  public record Alert(
      String domain, String ip, long messages, String orgName, String reportId, Instant at) {}

  /** What one input gave and what became of it. */
  public record Result(
      FeedbackReader.Outcome outcome,
      List<FeedbackStore.Added> stored,
      List<Alert> alerts,
      List<WebhookNotifier.Delivery> deliveries) {}

  private final FeedbackReader reader;
  private final FeedbackStore store;
  private final Optional<WatchStore> watch;
  private final Optional<WebhookNotifier> notifier;
  private final Function<Alert, String> render;
  private final Clock clock;

  public FeedbackIngest(
      FeedbackReader reader,
      FeedbackStore store,
      Optional<WatchStore> watch,
      Optional<WebhookNotifier> notifier,
      Function<Alert, String> render,
      Clock clock) {
    this.reader = reader;
    this.store = store;
    this.watch = watch;
    this.notifier = notifier;
    this.render = render;
    this.clock = clock;
  }

  public FeedbackReader reader() {
    return reader;
  }

  public FeedbackStore store() {
    return store;
  }

  public Result ingest(String source, byte[] input) {
    return ingest(reader.read(source, input), input);
  }

  /** Stores an input already read (its reports), and alerts. */
  public synchronized Result ingest(FeedbackReader.Outcome outcome, byte[] input) {
    Instant now = clock.instant();
    if (outcome.reports().isEmpty()) {
      return new Result(outcome, List.of(), List.of(), List.of());
    }
    Set<String> baseline = new HashSet<>();
    for (FeedbackReport r : outcome.reports()) {
      if (r instanceof AggregateReport
          && store.list(r.policyDomain(), Instant.EPOCH, 1).stream()
              .noneMatch(s -> s.kind() == FeedbackReport.Kind.DMARC_AGGREGATE)) {
        baseline.add(r.policyDomain());
      }
    }
    List<FeedbackStore.Added> added = store.add(outcome.source(), input, outcome.reports(), now);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < added.size(); i++) {
      if (added.get(i).duplicate() || !(outcome.reports().get(i) instanceof AggregateReport a)) {
        continue;
      }
      for (Row row : a.records()) {
        if (row.dmarcPass() || row.count() == 0 || row.sourceIp().isEmpty()) {
          continue;
        }
        boolean first = store.markFailingSource(a.policyDomain(), row.sourceIp(), now);
        if (first && !baseline.contains(a.policyDomain())) {
          alerts.add(
              new Alert(
                  a.policyDomain(), row.sourceIp(), row.count(), a.orgName(), a.reportId(), now));
        }
      }
    }
    List<WebhookNotifier.Delivery> deliveries = new ArrayList<>();
    if (watch.isPresent() && notifier.isPresent()) {
      for (Alert al : alerts) {
        Optional<WatchEntry> w = watch.get().get(al.domain());
        if (w.isPresent() && !w.get().webhook().isEmpty()) {
          deliveries.add(
              notifier
                  .get()
                  .send(
                      w.get().webhook(),
                      w.get().secret(),
                      render.apply(al),
                      "report.new-failing-source"));
        }
      }
    }
    return new Result(outcome, added, alerts, deliveries);
  }
}
