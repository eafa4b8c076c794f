package io.mxray.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The message-analysis page: the same facts as the terminal view, rendered, escaped. */
class HeadersHtmlTest {

  static final String MESSAGE =
      String.join(
          "\r\n",
          "Received: from DM6PR11MB4545.namprd11.prod.outlook.com (2603:10b6:5:2a1::12)",
          " by SJ0PR11MB5678.namprd11.prod.outlook.com with HTTPS; Mon, 23 Nov 2026",
          " 15:24:07 +0000",
          "Received: from mail.example.org (192.0.2.41) by",
          " BN2PEPF000044A9.mail.protection.outlook.com (10.167.243.160) with Microsoft",
          " SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7228.9",
          " via Frontend Transport; Mon, 23 Nov 2026 09:14:05 +0000",
          "Received: from relay.example.org (relay.example.org [192.0.2.7]) by mail.example.org"
              + " (Postfix) with ESMTPS id 4A; Mon, 23 Nov 2026 08:14:06 +0000",
          "Received: from [10.0.0.5] (laptop.example.org [198.51.100.9]) by relay.example.org"
              + " (Postfix) with ESMTPSA id 4B; Mon, 23 Nov 2026 09:14:00 +0000",
          "Authentication-Results: spf=pass (sender IP is 192.0.2.41)",
          " smtp.mailfrom=example.org; dkim=none; dmarc=pass header.from=example.org",
          "X-Forefront-Antispam-Report: CIP:192.0.2.41;SCL:1;SFV:NSPM;DIR:INB;",
          "List-Unsubscribe: <https://example.org/u/1>",
          "From: Alice <alice@example.org>",
          "Subject: <script>alert(1)</script> =?UTF-8?B?5pel5pys?=",
          "Date: Mon, 23 Nov 2026 09:13:58 +0000",
          "Message-ID: <1@example.org>",
          "",
          "");

  static String render() {
    MessageAnalysis a =
        MessageAnalyzer.offline(Clock.fixed(Instant.parse("2026-11-23T16:00:00Z"), ZoneOffset.UTC))
            .analyze(HeaderParser.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)));
    return HeadersHtml.of(a, Instant.parse("2026-11-23T16:00:00Z"), "mxray test");
  }

  @Test
  void rendersTheHopTableWithWholeAddressesOneLineDatesAndReadableDelays() {
    String html = render();
    assertThat(html).contains("[2603:10b6:5:2a1::12]", "[192.0.2.41]");
    assertThat(html).contains("2026-11-23 09:14:05 UTC");
    assertThat(html).contains("6 h 10 m"); // the EOP queue held it; not "22202 s"
    assertThat(html).contains("style=\"width:100%\"");
    assertThat(html).doesNotContain("delaySeconds");
  }

  @Test
  void explainsTheOriginAndTheSkewedClockInWords() {
    String html = render();
    assertThat(html).contains("Origin.").contains("hop 3, from 192.0.2.41");
    // mail.example.org stamped hop 2 an hour before its neighbours
    assertThat(html).contains("The clock of mail.example.org runs 59 m 54 s behind");
    assertThat(html).contains("time-zone offset");
  }

  @Test
  void rendersAuthenticationChecklistAndHeaderExplanationsNotRawFacts() {
    String html = render();
    assertThat(html).contains("<th scope=\"row\">SPF</th>", "<th scope=\"row\">DMARC</th>");
    assertThat(html).contains("Bulk-sender requirements");
    assertThat(html).contains("https://www.rfc-editor.org/rfc/rfc8601");
    assertThat(html).contains("https://learn.microsoft.com/en-us/defender-office-365/");
    assertThat(html).doesNotContain("What mxray saw");
  }

  @Test
  void escapesEverythingTakenFromTheMessage() {
    String html = render();
    assertThat(html).doesNotContain("<script>alert(1)</script>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; 日本");
  }
}
