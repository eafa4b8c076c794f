package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The second test set: bounces written for mxray ({@code scripts/make-synthetic-bounces.py}) in the
 * layouts of MTAs and services, with diagnostics paraphrased from vendor documentation, Japanese
 * carrier texts in ISO-2022-JP and Shift_JIS, multi-recipient reports with a different reason per
 * recipient, Amazon SES JSON, Microsoft JMRP and ARF. Each recipient's expected reason and
 * hard/soft verdict follow the cited documents, not any classifier's output. Gated at 95 % reason
 * and 98 % hard/soft agreement.
 */
class BounceSyntheticTest {

  static final String DIR = "/bounce/synthetic/";
  static final double REASON_TARGET = 0.95;
  static final double HARD_SOFT_TARGET = 0.98;

  record Expected(
      String file, int index, String address, String reason, boolean hard, String note) {}

  static List<Expected> expected() {
    List<Expected> out = new ArrayList<>();
    String tsv = new String(read("expected.tsv"), StandardCharsets.UTF_8);
    String[] lines = tsv.split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] c = lines[i].split("\t", -1);
      out.add(
          new Expected(c[0], Integer.parseInt(c[1]), c[2], c[3], Boolean.parseBoolean(c[4]), c[5]));
    }
    return out;
  }

  static byte[] read(String name) {
    try (InputStream in = BounceSyntheticTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** mxray's report of every synthetic message, by file. */
  static Map<String, BounceReport> reports(List<Expected> rows) {
    BounceExplainer explainer = new BounceExplainer();
    Map<String, BounceReport> out = new LinkedHashMap<>();
    for (Expected e : rows) {
      out.computeIfAbsent(e.file(), f -> explainer.explain(read(f)));
    }
    return out;
  }

  @Test
  void agreesWithTheDocumentedReasonOfEverySyntheticRecipient() {
    List<Expected> rows = expected();
    Map<String, BounceReport> reports = reports(rows);
    int reason = 0;
    int hard = 0;
    int address = 0;
    List<String> disagreements = new ArrayList<>();
    for (Expected e : rows) {
      List<ExplainedRecipient> got = reports.get(e.file()).recipients();
      if (e.index() > got.size()) {
        disagreements.add(
            e.file() + " #" + e.index() + ": expected " + e.reason() + ", no such recipient");
        continue;
      }
      ExplainedRecipient r = got.get(e.index() - 1);
      address += r.recipient().address().equalsIgnoreCase(e.address()) ? 1 : 0;
      hard += r.hardBounce() == e.hard() ? 1 : 0;
      if (r.reason().id().equals(e.reason())) {
        reason++;
      } else {
        disagreements.add(
            String.format(
                Locale.ROOT,
                "%s #%d: expected %s, got %s by %s [status %s reply %d command %s] %s",
                e.file(),
                e.index(),
                e.reason(),
                r.reason().id(),
                r.rule(),
                r.recipient().status(),
                r.recipient().replyCode(),
                r.recipient().command(),
                r.recipient().diagnostic().length() > 160
                    ? r.recipient().diagnostic().substring(0, 160) + "…"
                    : r.recipient().diagnostic()));
      }
    }
    int n = rows.size();
    System.out.printf(
        Locale.ROOT,
        "synthetic bounces: %d recipients in %d messages%n  reason %5.1f %% (%d/%d)  hard/soft %5.1f %%"
            + "  address %5.1f %%  targets %.0f %% / %.0f %%%n",
        n,
        reports.size(),
        100.0 * reason / n,
        reason,
        n,
        100.0 * hard / n,
        100.0 * address / n,
        100 * REASON_TARGET,
        100 * HARD_SOFT_TARGET);
    disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
    assertThat(reports).hasSizeGreaterThanOrEqualTo(60);
    assertThat(reason / (double) n)
        .as("synthetic reason agreement")
        .isGreaterThanOrEqualTo(REASON_TARGET);
    assertThat(hard / (double) n)
        .as("synthetic hard/soft agreement")
        .isGreaterThanOrEqualTo(HARD_SOFT_TARGET);
  }
}
