package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.message.EncodedWords;
import io.mxray.core.message.Message;
import io.mxray.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Parser budgets (issue 16): sizes are capped before any pattern runs and the work per message is
 * linear in its size, so huge or hostile input ends with a result. These tests assert results;
 * speed is measured by {@code HeadersParseBenchmark}, not here.
 */
class HeadersBudgetTest {

  private static final String HOP =
      "Received: from mail%d.example.org (mail%d.example.org [192.0.2.%d]) by mx.example.net"
          + " (Postfix) with ESMTPS id 4A%d for <bob@example.net>; Mon, 23 Nov 2026 10:00:00 +0000\r\n";

  @Test
  void aOneMegabyteHeaderBlockIsAnalysedToTheEnd() {
    StringBuilder b = new StringBuilder(1 << 20);
    int i = 0;
    while (b.length() < (1 << 20)) {
      b.append(HOP.formatted(i, i, i % 250 + 1, i));
      b.append("X-Filler-").append(i).append(": ").append("=?UTF-8?Q?caf=C3=A9?= ".repeat(20));
      b.append("\r\n");
      i++;
    }
    Message m = HeaderParser.parse(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    MessageAnalysis a = MessageAnalyzer.offline(Fixtures.CLOCK).analyze(m);
    assertThat(m.fields()).hasSize(Math.min(HeaderParser.MAX_FIELDS, 2 * i));
    assertThat(a.chain().hops()).hasSize(ReceivedChain.MAX_HOPS);
    assertThat(a.findings()).extracting(f -> f.codeId()).contains("headers.too-many-hops");
    assertThat(m.value("X-Filler-0")).startsWith("café");
  }

  @Test
  void aHundredKilobyteReceivedLineIsCutAndStillRead() {
    String line =
        "from mail.example.org (mail.example.org [192.0.2.7]) (x-note "
            + "a(b[c<d\"e ".repeat(10_000)
            + ") by mx.example.net with ESMTP id Z; Mon, 23 Nov 2026 10:00:00 +0000";
    assertThat(line.length()).isGreaterThan(100_000);
    Received r = ReceivedParser.parse(line);
    assertThat(r.ip()).isEqualTo("192.0.2.7");
    assertThat(r.helo()).isEqualTo("mail.example.org");
    assertThat(r.raw().length()).isLessThanOrEqualTo(ReceivedParser.MAX_VALUE);
  }

  @Test
  void hostileDelimiterRunsEndWithAResult() {
    String[] hostile = {
      "(".repeat(100_000),
      ")".repeat(100_000),
      "[".repeat(100_000),
      "<".repeat(100_000),
      "\"".repeat(100_000),
      "from " + "(a ".repeat(50_000),
      "from x " + "([192.0.2.1] ".repeat(20_000),
      "from " + "a.".repeat(50_000) + " by b; " + "1 ".repeat(50_000),
      "by x; " + "Mon, 23 Nov 2026 10:00:00 ".repeat(5_000),
      ";".repeat(100_000),
      "from a (HELO " + "helo=".repeat(20_000) + ") by b"
    };
    for (String h : hostile) {
      Received r = ReceivedParser.parse(h);
      assertThat(r).isNotNull();
      assertThat(r.raw().length()).isLessThanOrEqualTo(ReceivedParser.MAX_VALUE);
    }
  }

  @Test
  void hostileEncodedWordRunsEndWithAResult() {
    String field = "Subject: " + "=?".repeat(30_000) + "=?UTF-8?B?" + "A".repeat(30_000) + "\r\n";
    Message m = HeaderParser.parse(field);
    assertThat(m.fields()).hasSize(1);
    assertThat(EncodedWords.decode("=?UTF-8?Q?" + "=".repeat(60_000) + "?=")).isNotEmpty();
  }

  @Test
  void aOneMegabyteLineWithoutAColonIsSkippedAndReported() {
    String text = "x".repeat(1 << 20) + "\r\nSubject: ok\r\n";
    Message m = HeaderParser.parse(text);
    assertThat(m.value("Subject")).isEqualTo("ok");
    assertThat(m.problems()).isNotEmpty();
  }
}
