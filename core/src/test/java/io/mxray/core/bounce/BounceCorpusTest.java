package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.testing.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Agreement with the expected Sisimai reasons of the shared bounce corpus ({@code
 * ../shared/corpora/bounces/expected.tsv}). Prints the rate and every disagreement; fails below 97
 * %. Status, reply code and hard/soft agreement are printed for information.
 */
class BounceCorpusTest {

  static final double TARGET = 0.97;

  record Row(
      String file,
      int index,
      String status,
      String reply,
      String reason,
      boolean hard,
      String another) {}

  static List<Row> expected(Path corpus) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(corpus.resolve("expected.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      rows.add(
          new Row(
              c[0], Integer.parseInt(c[1]), c[2], c[3], c[4], Boolean.parseBoolean(c[5]), c[6]));
    }
    return rows;
  }

  @Test
  void agreesWithExpectedReasonsOnAtLeast97PercentOfCorpusRecipients() throws IOException {
    Path corpus = Corpora.require("bounces");
    List<Row> rows = expected(corpus);
    Map<String, BounceReport> reports = new LinkedHashMap<>();
    BounceExplainer explainer = new BounceExplainer();
    for (Row r : rows) {
      reports.computeIfAbsent(
          r.file(),
          f -> {
            try {
              return explainer.explain(Files.readAllBytes(corpus.resolve("eml").resolve(f)));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    int reasonOk = 0;
    int statusOk = 0;
    int replyOk = 0;
    int hardOk = 0;
    List<String> disagreements = new ArrayList<>();
    for (Row r : rows) {
      List<ExplainedRecipient> got = reports.get(r.file()).recipients();
      if (r.index() > got.size()) {
        disagreements.add(
            String.format(
                Locale.ROOT,
                "%s #%d: expected %s, got no recipient #%d (%d decoded)",
                r.file(),
                r.index(),
                r.reason(),
                r.index(),
                got.size()));
        continue;
      }
      ExplainedRecipient e = got.get(r.index() - 1);
      if (e.reason().id().equals(r.reason())) {
        reasonOk++;
      } else {
        disagreements.add(
            String.format(
                Locale.ROOT,
                "%s #%d: expected %s, got %s by %s [status %s reply %d] %s",
                r.file(),
                r.index(),
                r.reason(),
                e.reason().id(),
                e.rule(),
                e.recipient().status(),
                e.recipient().replyCode(),
                abbreviate(e.recipient().diagnostic())));
      }
      statusOk += e.recipient().status().equals(r.status()) ? 1 : 0;
      replyOk +=
          (e.recipient().replyCode() == 0 ? "" : Integer.toString(e.recipient().replyCode()))
                  .equals(r.reply())
              ? 1
              : 0;
      hardOk += e.hardBounce() == r.hard() ? 1 : 0;
    }
    int n = rows.size();
    double rate = reasonOk / (double) n;
    System.out.printf(
        Locale.ROOT, "bounce corpus: %d recipients in %d messages%n", n, reports.size());
    System.out.printf(
        Locale.ROOT,
        "  reason agreement    %5.1f %% (%d/%d), target %.0f %%%n",
        100 * rate,
        reasonOk,
        n,
        100 * TARGET);
    System.out.printf(Locale.ROOT, "  hard/soft agreement %5.1f %%%n", 100.0 * hardOk / n);
    System.out.printf(
        Locale.ROOT,
        "  status agreement    %5.1f %% (Sisimai invents 5.0.9xx codes when none is stated)%n",
        100.0 * statusOk / n);
    System.out.printf(Locale.ROOT, "  reply agreement     %5.1f %%%n", 100.0 * replyOk / n);
    disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
    assertThat(rate)
        .as(
            "reason agreement %.1f %% with %d disagreements (listed in the test output)",
            100 * rate, disagreements.size())
        .isGreaterThanOrEqualTo(TARGET);
  }

  private static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }
}
