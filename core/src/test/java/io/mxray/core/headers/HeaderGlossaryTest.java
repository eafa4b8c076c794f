package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderGlossaryTest {

  @Test
  void everyEntryHasACategoryAnExplanationAndAnHttpsSource() {
    List<HeaderGlossary.Entry> all = HeaderGlossary.entries();
    assertThat(all).hasSizeGreaterThan(50);
    for (HeaderGlossary.Entry e : all) {
      assertThat(e.category())
          .as(e.name())
          .isIn(
              "routing",
              "authentication",
              "identity",
              "mime",
              "list",
              "client",
              "spam-filter",
              "provider-internal");
      assertThat(e.explanation()).as(e.name()).isNotBlank();
      assertThat(e.url()).as(e.name()).startsWith("https://");
    }
  }

  @Test
  void coversTheHeadersPeopleAskAboutCaseInsensitively() {
    for (String name :
        List.of(
            "authentication-results",
            "ARC-Seal",
            "ARC-Message-Signature",
            "ARC-Authentication-Results",
            "X-MS-Exchange-CrossTenant-Id",
            "X-Microsoft-Antispam",
            "X-Forefront-Antispam-Report",
            "X-Google-Smtp-Source",
            "X-Gm-Message-State",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "Feedback-ID",
            "X-Mailer",
            "DKIM-Signature",
            "Received-SPF")) {
      assertThat(HeaderGlossary.lookup(name)).as(name).isPresent();
    }
    assertThat(HeaderGlossary.lookup("X-Some-Private-Thing")).isEmpty();
  }

  @Test
  void anExactEntryWinsOverItsPrefixAndTheLongestPrefixWins() {
    assertThat(HeaderGlossary.lookup("X-MS-Exchange-Organization-SCL").orElseThrow().name())
        .isEqualTo("X-MS-Exchange-Organization-SCL");
    assertThat(
            HeaderGlossary.lookup("X-MS-Exchange-Transport-EndToEndLatency").orElseThrow().name())
        .isEqualTo("X-MS-Exchange-*");
    assertThat(HeaderGlossary.lookup("X-MS-Something").orElseThrow().name()).isEqualTo("X-MS-*");
  }
}
