package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole header blocks in the shapes Gmail, Outlook.com/Office 365 and Yahoo deliver, analysed
 * offline.
 */
class ProviderSamplesTest {

  static MessageAnalysis analyze(String name) throws IOException {
    try (InputStream in = ProviderSamplesTest.class.getResourceAsStream("/messages/" + name)) {
      return MessageAnalyzer.offline(Fixtures.CLOCK).analyze(HeaderParser.parse(in.readAllBytes()));
    }
  }

  static List<Long> delays(MessageAnalysis a) {
    return a.chain().hops().stream()
        .map(h -> h.delayMillis().isPresent() ? h.delayMillis().getAsLong() : -1L)
        .toList();
  }

  @Test
  void gmailToOutlookSkipsMicrosoftInternalHopsToFindTheGoogleSender() throws IOException {
    MessageAnalysis a = analyze("gmail-to-outlook.txt");
    assertThat(a.chain().hops()).hasSize(5);
    assertThat(delays(a)).containsExactly(-1L, 1000L, 1000L, 0L, 1000L);
    assertThat(a.chain().totalDelayMillis()).hasValue(3000);
    assertThat(a.chain().originIp()).contains("192.0.2.41");
    assertThat(a.chain().originHop()).isEqualTo(2);
    assertThat(a.chain().hops().subList(2, 5)).allMatch(Hop::internal);
    assertThat(a.chain().hops().get(1).received().tlsVersion()).isEqualTo("TLS1.3");
    assertThat(a.message().value("Subject")).isEqualTo("こんにちは and café");
    assertThat(a.spf().receiverResult()).isEqualTo("pass");
    assertThat(a.antispam())
        .extracting(Antispam.Report::header)
        .contains("X-Forefront-Antispam-Report", "X-Microsoft-Antispam");
    assertThat(a.antispam()).noneMatch(Antispam.Report::spam);
  }

  @Test
  void postfixToGmailFindsThePostfixRelayAndTheReceiversVerdicts() throws IOException {
    MessageAnalysis a = analyze("postfix-to-gmail.txt");
    assertThat(a.chain().hops()).hasSize(3);
    assertThat(delays(a)).containsExactly(-1L, 8000L, 1000L);
    assertThat(a.chain().originIp()).contains("192.0.2.77");
    assertThat(a.chain().hops().get(0).internal()).isTrue();
    assertThat(a.spf().receiverResult()).isEqualTo("pass");
    assertThat(a.dmarc().receiverResult()).isEqualTo("pass");
    assertThat(a.arc().receiverResult()).isEmpty();
    assertThat(a.identity().mailFrom()).isEqualTo("bounce@example.org");
    assertThat(a.checklist())
        .filteredOn(i -> i.id().equals("one-click-unsubscribe"))
        .extracting(ChecklistItem::status)
        .containsExactly(ChecklistItem.Status.PASS);
  }

  @Test
  void yahooInboundRecordsTheReceiversFailures() throws IOException {
    MessageAnalysis a = analyze("yahoo-inbound.txt");
    assertThat(a.chain().originIp()).contains("192.0.2.88");
    assertThat(a.chain().hops().get(0).received().helo()).isEqualTo("out.example.net");
    assertThat(delays(a)).containsExactly(-1L, 3000L);
    assertThat(a.findings())
        .extracting(f -> f.codeId())
        .contains(
            "headers.receiver-auth-fail", "headers.hop-without-tls", "headers.message-id-missing");
    assertThat(a.dmarc().receiverResult()).isEqualTo("fail");
  }
}
