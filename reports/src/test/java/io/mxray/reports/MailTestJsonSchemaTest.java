package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.mailtest.Delivery;
import io.mxray.core.mailtest.TestMailAnalysis;
import io.mxray.core.mailtest.TestMailAnalyzer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validates real send-a-test-mail documents against docs/schema/mailtest.schema.json. */
class MailTestJsonSchemaTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-03T10:00:00Z"), ZoneOffset.UTC);

  static TestMailAnalysis analysis(String ip, String tls, String message) {
    ZoneFileDnsClient dns =
        ZoneFileDnsClient.builder()
            .zone(
                "lab.example",
                "@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n@ IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
                    + "_dmarc IN TXT \"v=DMARC1; p=none\"\nmail IN A 192.0.2.25\n")
            .zone(
                "2.0.192.in-addr.arpa",
                "@ IN SOA ns1.lab.example. h.lab.example. 1 2 3 4 5\n@ IN NS ns1.lab.example.\n25 IN PTR mail.lab.example.\n")
            .build();
    Delivery d =
        new Delivery(
            ip,
            "mail.lab.example",
            "a@lab.example",
            List.of("test-abcdefghijklmnop@t.example"),
            tls,
            tls.isEmpty() ? "" : "TLS_AES_128_GCM_SHA256",
            CLOCK.instant(),
            "mx.t.example",
            message.getBytes(StandardCharsets.ISO_8859_1));
    return new TestMailAnalyzer(dns, CLOCK).analyze(d, "abcdefghijklmnop");
  }

  @Test
  void pendingAndReceivedTestsMatchTheSchema() {
    Instant now = CLOCK.instant();
    ObjectNode pending =
        MailTestJson.of(
            "abcdefghijklmnop",
            "test-abcdefghijklmnop@t.example",
            now,
            now.plusSeconds(3600),
            "pending",
            "/api/v1/tests/abcdefghijklmnop",
            null);
    Schemas.assertValid("mailtest.schema.json", pending);
    String msg =
        "From: a@lab.example\r\nTo: x@t.example\r\nSubject: hi\r\nDate: Wed, 3 Dec 2025 09:59:00 +0000\r\nMessage-ID: <1@lab.example>\r\n\r\nhi\r\n";
    for (TestMailAnalysis a :
        List.of(
            analysis("192.0.2.25", "TLSv1.3", msg),
            analysis("203.0.113.5", "", msg),
            analysis("192.0.2.25", "", "garbage without headers"))) {
      ObjectNode received =
          MailTestJson.of(
              "abcdefghijklmnop",
              "test-abcdefghijklmnop@t.example",
              now,
              now.plusSeconds(3600),
              "received",
              "/api/v1/tests/abcdefghijklmnop",
              MailTestJson.result(a));
      Schemas.assertValid("mailtest.schema.json", received);
    }
    ObjectNode bad = pending.deepCopy();
    bad.put("status", "done");
    Schemas.assertRejected("mailtest.schema.json", bad, "status");
    assertThat(
            MailTestJson.result(analysis("192.0.2.25", "TLSv1.3", msg))
                .get("dmarc")
                .get("result")
                .asText())
        .isEqualTo("pass");
  }
}
