package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.reports.html.SectionHtml;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionHtmlTest {

  @Test
  void rendersAResultsFactsGenericallyAndEscapesThem() {
    ObjectNode json = Json.object();
    json.put("record", "v=spf1 <b>evil</b> -all");
    json.putArray("terms").addObject().put("term", "-all").put("result", "fail");
    String html =
        SectionHtml.of(
            "example.com",
            "spf",
            "SPF evaluation",
            List.of(),
            json,
            Instant.parse("2026-11-23T12:00:00Z"),
            "mxray test");
    assertThat(html)
        .contains("What mxray saw")
        .contains("&lt;b&gt;evil&lt;/b&gt;")
        .doesNotContain("<b>evil</b>")
        .contains("<td>-all</td>");
  }
}
