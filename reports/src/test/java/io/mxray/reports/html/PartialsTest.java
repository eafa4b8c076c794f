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
            "Unknown recipient",
            "The receiving server does not know this address.",
            "Check the spelling.",
            "unknown-user");
    String html = Html.render("parts/recipients", Map.of("recipients", List.of(hard)));
    assertThat(html)
        .contains("Hard bounce")
        .contains("sev-fail")
        .contains("&lt;bob@example.org&gt;")
        .contains("<code>unknown-user</code>");
  }
}
