package io.mxray.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.feedback.FeedbackStore.Added;
import io.mxray.core.feedback.FeedbackStore.MailTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FeedbackStore} must do, run on SQLite ({@code SqliteFeedbackStoreTest}) and on
 * the lab's PostgreSQL ({@code PostgresFeedbackStoreIT} in the CLI module).
 */
public abstract class FeedbackStoreContract {

  /** A JDBC URL of an empty database (or schema). */
  protected abstract String emptyDatabase() throws Exception;

  private FeedbackStore store;
  private final FeedbackReader reader = new FeedbackReader();
  private static final Instant NOW = Instant.parse("2025-12-02T06:00:00Z");

  protected FeedbackStore store() throws Exception {
    if (store == null) {
      store = JdbcFeedbackStore.open(emptyDatabase(), reader);
    }
    return store;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private List<Added> add(String source, byte[] input) throws Exception {
    return store().add(source, input, reader.read(source, input).reports(), NOW);
  }

  @Test
  void storesReportsAndDeduplicatesByOrganisationAndReportId() throws Exception {
    byte[] xml = ReportFixtures.bytes("rfc7489.xml");
    List<Added> first = add("a.xml", xml);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).duplicate()).isFalse();
    // The same report again, bare and in another container: a duplicate, with the first id.
    assertThat(add("a.xml", xml)).containsExactly(new Added(first.get(0).id(), true));
    assertThat(add("a.xml.gz", ReportFixtures.gzip(xml)))
        .containsExactly(new Added(first.get(0).id(), true));
    assertThat(store().list("", Instant.EPOCH, 100)).hasSize(1);
  }

  @Test
  void listsSummariesAndReadsReportsBack() throws Exception {
    long agg = add("a.xml", ReportFixtures.bytes("rfc7489.xml")).get(0).id();
    long tls = add("t.json", ReportFixtures.bytes("tlsrpt.json")).get(0).id();
    long arf = add("arf.eml", ReportFixtures.bytes("arf.eml")).get(0).id();
    add("other.xml", ReportFixtures.bytes("draft.xml"));
    List<StoredReport> all = store().list("lab.example", Instant.EPOCH, 100);
    assertThat(all).hasSize(4);
    StoredReport s = store().summary(agg).orElseThrow();
    assertThat(s.kind()).isEqualTo(FeedbackReport.Kind.DMARC_AGGREGATE);
    assertThat(s.messages()).isEqualTo(100);
    assertThat(store().summary(tls).orElseThrow().messages()).isEqualTo(5336 + 303);
    assertThat(store().report(agg))
        .contains(reader.read("x", ReportFixtures.bytes("rfc7489.xml")).reports().get(0));
    assertThat(store().report(arf).orElseThrow()).isInstanceOf(FailureReport.class);
    assertThat(store().report(999_999)).isEmpty();
    assertThat(store().domains()).containsExactly("lab.example");
  }

  @Test
  void selectsReportsByKindDomainAndOverlappingPeriod() throws Exception {
    add("a.xml", ReportFixtures.bytes("rfc7489.xml"));
    add("b.xml", ReportFixtures.bytes("dmarcbis.xml"));
    add("t.json", ReportFixtures.bytes("tlsrpt.json"));
    Instant from = Instant.parse("2025-12-01T00:00:00Z");
    Instant to = Instant.parse("2025-12-02T00:00:00Z");
    assertThat(store().reports(FeedbackReport.Kind.DMARC_AGGREGATE, "lab.example", from, to))
        .hasSize(2);
    assertThat(store().reports(FeedbackReport.Kind.TLSRPT, "lab.example", from, to)).hasSize(1);
    assertThat(
            store()
                .reports(
                    FeedbackReport.Kind.DMARC_AGGREGATE,
                    "lab.example",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-02-01T00:00:00Z")))
        .isEmpty();
    assertThat(store().reports(FeedbackReport.Kind.DMARC_AGGREGATE, "other.example", from, to))
        .isEmpty();
  }

  @Test
  void remembersFailingSourcesOnce() throws Exception {
    assertThat(store().markFailingSource("lab.example", "198.51.100.7", NOW)).isTrue();
    assertThat(store().markFailingSource("lab.example", "198.51.100.7", NOW)).isFalse();
    assertThat(store().markFailingSource("other.example", "198.51.100.7", NOW)).isTrue();
  }

  @Test
  void keepsOneTimeTestsUntilTheyExpire() throws Exception {
    MailTest t =
        new MailTest(
            "tok1", "test-tok1@t.example", NOW, NOW.plusSeconds(3600), Optional.empty(), "");
    store().putTest(t);
    assertThat(store().test("tok1")).contains(t);
    assertThat(store().completeTest("tok1", NOW.plusSeconds(5), "{\"x\":\"\u0000\"}")).isTrue();
    // One message per address: a second arrival does not replace the first.
    assertThat(store().completeTest("tok1", NOW.plusSeconds(6), "{}")).isFalse();
    MailTest done = store().test("tok1").orElseThrow();
    assertThat(done.receivedAt()).contains(NOW.plusSeconds(5));
    assertThat(done.resultJson()).isEqualTo("{\"x\":\"\ufffd\"}");
    assertThat(store().completeTest("nope", NOW, "{}")).isFalse();
    store().putTest(new MailTest("tok2", "a", NOW, NOW.plusSeconds(10), Optional.empty(), ""));
    assertThat(store().completeTest("tok2", NOW.plusSeconds(11), "{}")).isFalse();
    assertThat(store().expireTests(NOW.plusSeconds(20))).isEqualTo(1);
    assertThat(store().test("tok2")).isEmpty();
    assertThat(store().test("tok1")).isPresent();
  }
}
