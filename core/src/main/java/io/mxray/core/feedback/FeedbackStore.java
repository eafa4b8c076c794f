package io.mxray.core.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where received reports are kept, deduplicated by (kind, organisation, report id) as RFC 7489
 * §7.2.1.1 and RFC 8460 §4.4 make that key unique; the input a report came from is kept too, so a
 * stored report is read again by the same parser that took it in.
 */
public interface FeedbackStore extends AutoCloseable {

  /** Where {@link #add} put a report. */
  record Added(long id, boolean duplicate) {}

  /**
   * Stores the reports of one input (the input once, each report unless already stored).
   *
   * @return per report, in order, its id and whether it was a duplicate
   */
  List<Added> add(String source, byte[] input, List<FeedbackReport> reports, Instant receivedAt);

  /** Summaries, newest period first; {@code domain} "" for every domain. */
  List<StoredReport> list(String domain, Instant since, int limit);

  Optional<StoredReport> summary(long id);

  /** The report, read again from its stored input. */
  Optional<FeedbackReport> report(long id);

  /** Every report of one kind about {@code domain} whose period overlaps [from, to). */
  List<FeedbackReport> reports(FeedbackReport.Kind kind, String domain, Instant from, Instant to);

  /** The domains reports were received for, sorted. */
  List<String> domains();

  /**
   * Remembers that {@code ip} was seen failing DMARC for {@code domain}; true when it is the first
   * time (so a watch alert can say "new failing source").
   */
  boolean markFailingSource(String domain, String ip, Instant at);

  // ---- send-a-test-mail ----------------------------------------------------------------------

  /** A one-time test address and what arrived at it. */
  record MailTest(
      String token,
      String address,
      Instant createdAt,
      Instant expiresAt,
      Optional<Instant> receivedAt,
      String resultJson) {}

  void putTest(MailTest test);

  Optional<MailTest> test(String token);

  /** Records the analysis of the message that arrived; false when the token is unknown or spent. */
  boolean completeTest(String token, Instant receivedAt, String resultJson);

  /** Deletes tests expired before {@code now}; returns how many. */
  int expireTests(Instant now);

  @Override
  void close();
}
