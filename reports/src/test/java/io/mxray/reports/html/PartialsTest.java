package io.mxray.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partials other result types (bounces) plug into; the headers page is HeadersHtmlTest. */
class PartialsTest {

  @Test
  void recipientsExplainEachBounceWithItsRule() {
    RecipientView hard =
        new RecipientView(
            "bob@example.org",
            "failed",
            "5.1.1",
            "550 5.1.1 <bob@example.org>: no such user",
            true,
            false,
            "Unknown recipient",
            "The receiving server does not know this address.",
            "Check the spelling.",
            "unknown-user",
            "550",
            "RCPT",
            "mx.example.org",
            "mx.example.net",
            "sales@example.org",
            "<x@example.net>",
            "news@example.net",
            "Spring newsletter",
            "news.example.net",
            "2026-04-06T09:05:00Z",
            "0123456789abcdef0123456789abcdef");
    String html = Html.render("parts/recipients", Map.of("recipients", List.of(hard)));
    assertThat(html)
        .contains("Hard bounce")
        .contains("sev-fail")
        .contains("&lt;bob@example.org&gt;")
        .contains("<code>unknown-user</code>")
        .contains("sales@example.org")
        .contains("&lt;x@example.net&gt;")
        .contains("0123456789abcdef0123456789abcdef")
        .doesNotContain("<x@example.net>");
  }
}
