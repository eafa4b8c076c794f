package io.mxray.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The partials other result types (headers, bounces) plug into. */
class PartialsTest {

  private static Optional<Instant> at(String t) {
    return Optional.of(Instant.parse(t));
  }

  @Test
  void hopDelaysAreScaledToTheSlowestHop() {
    List<HopView> hops =
        HopView.of(
            List.of(
                new HopView.Row(
                    "laptop.example.com", "mx1.example.net", "ESMTPSA", at("2026-11-23T12:00:00Z")),
                new HopView.Row(
                    "mx1.example.net", "relay.example.net", "ESMTPS", at("2026-11-23T12:00:10Z")),
                new HopView.Row(
                    "relay.example.net", "mx.example.org", "ESMTPS", at("2026-11-23T12:10:10Z")),
                new HopView.Row("mx.example.org", "store.example.org", "LMTP", Optional.empty())));
    assertThat(hops).extracting(HopView::barPercent).containsExactly(0, 2, 100, 0);
    assertThat(hops).extracting(HopView::delay).containsExactly("—", "10 s", "10 min 0 s", "—");
    assertThat(hops).extracting(HopView::slow).containsExactly(false, false, true, false);
  }

  @Test
  void clockSkewIsNamedNotDrawn() {
    List<HopView> hops =
        HopView.of(
            List.of(
                new HopView.Row("a.example", "b.example", "SMTP", at("2026-11-23T12:00:30Z")),
                new HopView.Row("b.example", "c.example", "SMTP", at("2026-11-23T12:00:00Z"))));
    assertThat(hops.get(1).delay()).startsWith("clock skew");
    assertThat(hops.get(1).barPercent()).isZero();
  }

  @Test
  void hopTableEscapesHeaderText() {
    String html =
        Html.render(
            "parts/hops",
            Map.of(
                "hops",
                HopView.of(
                    List.of(
                        new HopView.Row(
                            "<script>x</script>",
                            "mx.example.org",
                            "ESMTP",
                            at("2026-11-23T12:00:00Z"))))));
    assertThat(html)
        .contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("style=\"width:0%\"");
  }

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
