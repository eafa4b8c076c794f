package io.mxray.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.feedback.FeedbackIngest;
import io.mxray.core.feedback.FeedbackStore;
import io.mxray.core.feedback.FeedbackStore.MailTest;
import io.mxray.core.mailtest.Delivery;
import io.mxray.core.mailtest.RecipientPolicy;
import io.mxray.core.mailtest.RecipientPolicy.Accepted;
import io.mxray.core.mailtest.TestMailAnalysis;
import io.mxray.core.mailtest.TestMailAnalyzer;
import io.mxray.reports.Json;
import io.mxray.reports.MailTestJson;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code serve} hosts for reports and test messages: the ingest (store, alerts), the
 * receiver's recipient policy, one-time test addresses and their results. Every channel — the HTTP
 * upload, the SMTP receiver — goes through here.
 */
public final class ReportHost {

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final FeedbackIngest ingest;
  private final RecipientPolicy policy;
  private final Duration testTtl;
  private final TestMailAnalyzer analyzer;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ReportHost(
      FeedbackIngest ingest,
      RecipientPolicy policy,
      Duration testTtl,
      TestMailAnalyzer analyzer,
      Clock clock) {
    this.ingest = ingest;
    this.policy = policy;
    this.testTtl = testTtl;
    this.analyzer = analyzer;
    this.clock = clock;
  }

  public FeedbackIngest ingest() {
    return ingest;
  }

  public FeedbackStore store() {
    return ingest.store();
  }

  public RecipientPolicy policy() {
    return policy;
  }

  public Duration testTtl() {
    return testTtl;
  }

  /** Whether one-time test addresses can be handed out (a test domain is configured). */
  public boolean testsEnabled() {
    return !policy.testDomain().isEmpty();
  }

  /** A new one-time test address, stored until it expires. */
  public MailTest newTest() {
    Instant now = clock.instant();
    store().expireTests(now);
    StringBuilder t = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      t.append(BASE32[random.nextInt(32)]);
    }
    String token = t.toString();
    MailTest m =
        new MailTest(
            token, policy.testAddress(token), now, now.plus(testTtl), Optional.empty(), "");
    store().putTest(m);
    return m;
  }

  /** The test's document, or empty when the token is unknown or expired. */
  public Optional<ObjectNode> testDocument(String token) {
    Optional<MailTest> t = store().test(token);
    if (t.isEmpty() || !t.get().expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    MailTest m = t.get();
    ObjectNode result = null;
    if (m.receivedAt().isPresent()) {
      try {
        result = (ObjectNode) Json.mapper().readTree(m.resultJson());
      } catch (IOException | ClassCastException e) {
        result = null;
      }
    }
    return Optional.of(
        MailTestJson.of(
            m.token(),
            m.address(),
            m.createdAt(),
            m.expiresAt(),
            m.receivedAt().isPresent() ? "received" : "pending",
            Api.PREFIX + "/tests/" + m.token(),
            result));
  }

  /** Whether a test address may receive now: known, not expired, nothing received yet. */
  public boolean testOpen(String token) {
    Optional<MailTest> t = store().test(token);
    return t.isPresent()
        && t.get().receivedAt().isEmpty()
        && t.get().expiresAt().isAfter(clock.instant());
  }

  /** A message the receiver accepted for these recipients. */
  public void deliver(Delivery d, List<Accepted> accepted) {
    boolean report = accepted.stream().anyMatch(a -> a.purpose() == RecipientPolicy.Purpose.REPORT);
    if (report) {
      ingest.ingest("smtp:" + d.remoteIp() + ":" + d.receivedAt(), d.message());
    }
    for (Accepted a : accepted) {
      if (a.purpose() == RecipientPolicy.Purpose.TEST) {
        TestMailAnalysis analysis = analyzer.analyze(d, a.token());
        store()
            .completeTest(a.token(), d.receivedAt(), Json.compact(MailTestJson.result(analysis)));
      }
    }
  }
}
