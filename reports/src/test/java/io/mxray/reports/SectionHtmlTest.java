package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.reports.html.SectionHtml;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionHtmlTest {

  private static ObjectNode hop(String rdns, String ip, String by, String with, String date) {
    ObjectNode h = Json.object();
    h.putObject("from").put("rdns", rdns).put("ip", ip);
    h.putObject("by").put("host", by);
    h.put("with", with);
    h.put("date", date);
    h.put("tls", with.startsWith("ESMTPS"));
    return h;
  }

  @Test
  void rendersAMessagesHopsAsATableWithDelayBarsAndEscapesThem() {
    ObjectNode json = Json.object();
    ArrayNode hops = json.putArray("hops");
    hops.add(
        hop(
            "laptop.example.com",
            "198.51.100.7",
            "mx1.example.net",
            "ESMTPSA",
            "2026-11-23T12:00:00Z"));
    hops.add(hop("<b>evil</b>", "192.0.2.25", "mx.example.org", "ESMTPS", "2026-11-23T12:10:00Z"));
    String html =
        SectionHtml.of(
            "message",
            "headers",
            "Message headers",
            List.of(),
            json,
            Instant.parse("2026-11-23T12:00:00Z"),
            "mxray test");
    assertThat(html)
        .contains("<table class=\"hops\">")
        .contains("<td>ESMTPSA (TLS)</td>")
        .contains("style=\"width:100%\"")
        .contains("10 min 0 s")
        .contains("class=\"slow\"")
        .contains("&lt;b&gt;evil&lt;/b&gt;")
        .doesNotContain("<b>evil</b>");
  }
}
