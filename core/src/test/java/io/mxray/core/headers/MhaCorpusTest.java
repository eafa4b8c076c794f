package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mxray.core.testing.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Microsoft MHA's Received-header expectations (../shared/corpora/received), run as dynamic tests.
 */
class MhaCorpusTest {

  private static List<Map<String, String>> rows(String file) throws IOException {
    Path dir = Corpora.require("received");
    List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
    String[] head = lines.get(0).split("\t", -1);
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < head.length; i++) {
        row.put(head[i], i < cells.length ? unescape(cells[i]) : "");
      }
      out.add(row);
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String value(Map<String, String> row) {
    String h = row.get("header");
    if (!row.get("api").equals("add(value)") && h.regionMatches(true, 0, "Received:", 0, 9)) {
      h = h.substring(9);
    }
    return HeaderParser.unfold(h.replace("\n", "\r\n")).strip();
  }

  @TestFactory
  Stream<DynamicTest> everyMhaSampleSplitsIntoTheExpectedClausesAndDate() throws IOException {
    return rows("mha.tsv").stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.get("case") + "#" + row.get("chain_pos"),
                    () -> {
                      Received r = ReceivedParser.parse(value(row));
                      SoftAssertions soft = new SoftAssertions();
                      check(soft, row, "from", r.from());
                      check(soft, row, "by", r.by());
                      check(soft, row, "with", r.with());
                      check(soft, row, "id", r.id());
                      check(soft, row, "for", r.forClause());
                      check(soft, row, "via", r.via());
                      String ms = row.get("date_epoch_ms");
                      if (!ms.equals("*")) {
                        soft.assertThat(
                                r.date().map(d -> String.valueOf(d.toEpochMilli())).orElse(""))
                            .as("date")
                            .isEqualTo(ms);
                      }
                      soft.assertAll();
                    }));
  }

  /** MHA's "310 minutes 14 seconds" as seconds. */
  private static long seconds(String text) {
    long total = 0;
    String[] w = text.split(" ");
    for (int i = 0; i + 1 < w.length; i += 2) {
      long v = Long.parseLong(w[i]);
      total += w[i + 1].startsWith("minute") ? v * 60 : v;
    }
    return total;
  }

  private static void check(
      SoftAssertions soft, Map<String, String> row, String column, String actual) {
    String expected = row.get(column);
    if (!expected.equals("*")) {
      soft.assertThat(actual).as(column).isEqualTo(expected);
    }
  }

  @TestFactory
  Stream<DynamicTest> mhaChainsGetTheExpectedHopNumbersDelaysSharesAndTotal() throws IOException {
    Map<String, List<Map<String, String>>> chains = new LinkedHashMap<>();
    for (Map<String, String> row : rows("mha.tsv")) {
      if (!row.get("chain").isEmpty() && row.get("api").equals("addInternal")) {
        chains.computeIfAbsent(row.get("chain"), k -> new ArrayList<>()).add(row);
      }
    }
    return chains.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      List<Map<String, String>> rows = e.getValue();
                      rows.sort(
                          (a, b) ->
                              Integer.compare(
                                  Integer.parseInt(a.get("chain_pos")),
                                  Integer.parseInt(b.get("chain_pos"))));
                      ReceivedChain chain =
                          ReceivedChain.of(rows.stream().map(MhaCorpusTest::value).toList());
                      for (Map<String, String> row : rows) {
                        if (row.get("hop").equals("*") || row.get("hop").isEmpty()) {
                          continue;
                        }
                        int hop = Integer.parseInt(row.get("hop"));
                        Hop h = chain.hops().get(hop - 1);
                        assertThat(h.received().raw())
                            .isEqualTo(ReceivedParser.parse(value(row)).raw());
                        String delayMs = row.get("delay_ms");
                        if (!delayMs.equals("*") && !delayMs.equals("-1")) {
                          assertThat(h.delayMillis().orElse(Long.MIN_VALUE))
                              .as("delay of hop " + hop)
                              .isEqualTo(Long.parseLong(delayMs));
                        }
                        String percent = row.get("percent");
                        if (!percent.equals("*") && !percent.isEmpty()) {
                          assertThat(h.sharePercent())
                              .as("share of hop " + hop)
                              .isCloseTo(Double.parseDouble(percent), within(1e-6));
                        }
                        String total = row.get("chain_total_delay");
                        if (!total.equals("*") && !total.isEmpty()) {
                          assertThat(chain.totalDelayMillis().orElse(-1) / 1000)
                              .as("total delay")
                              .isEqualTo(seconds(total));
                        }
                      }
                    }));
  }
}
