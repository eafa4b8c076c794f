package io.mxray.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.mx.MxCodes;
import io.mxray.reports.Golden;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditHtmlTest {

  private static final String GENERATOR = "mxray test";

  @Test
  void rendersTheMixedReportExactlyAsTheGoldenFile() throws Exception {
    String html = AuditHtml.of(SampleReports.mixed(), GENERATOR);
    Golden.assertMatches(
        Golden.repoRoot().resolve("reports/src/test/resources/golden/audit-mixed.html"), html);
  }

  @Test
  void escapesAttackerControlledTextEverywhere() {
    String html = AuditHtml.of(SampleReports.mixed(), GENERATOR);
    assertThat(html).doesNotContain("<script>").doesNotContain(SampleReports.HOSTILE);
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void isSelfContainedWithNoExternalAssets() {
    String html = AuditHtml.of(SampleReports.mixed(), GENERATOR);
    assertThat(html)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("src=")
        .doesNotContainIgnoringCase("url(");
    // The only links are to specifications, for people to follow.
    assertThat(Pattern.compile("href=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)))
        .allMatch(u -> u.startsWith("https://www.rfc-editor.org/"));
  }

  @Test
  void gradesByFindingCounts() {
    assertThat(Grade.of(List.of()).letter()).isEqualTo("A");
    Finding warn = Finding.of(MxCodes.MX_DUPLICATE, "a", "b");
    Finding fail = Finding.of(MxCodes.MX_NO_ADDRESS, "a", "b");
    Finding unsure = Finding.of(MxCodes.NS_UNREACHABLE, "a", "b");
    assertThat(Grade.of(List.of(warn)).letter()).isEqualTo("B");
    assertThat(Grade.of(List.of(warn, warn)).letter()).isEqualTo("C");
    assertThat(Grade.of(List.of(fail, warn)).letter()).isEqualTo("D");
    assertThat(Grade.of(List.of(fail, fail)).letter()).isEqualTo("F");
    assertThat(Grade.of(List.of(unsure)).incomplete()).isTrue();
    assertThat(Grade.of(List.of(unsure)).letter()).isEqualTo("A");
  }

  @Test
  void usesTheGenericPartialForChecksWithoutTheirOwn() {
    CheckResult other =
        CheckResult.builder(CheckId.of("zz.future"), "A future check")
            .fact("records", List.of(java.util.Map.of("name", "x<y")))
            .build();
    AuditReport r =
        new AuditReport(
            "example.org",
            Severity.PASS,
            List.of(other),
            List.of(),
            Instant.parse("2026-11-23T12:00:00Z"),
            1);
    String html = AuditHtml.of(r, GENERATOR);
    assertThat(html)
        .contains("id=\"check-zz.future\"")
        .contains("<th scope=\"col\">name</th>")
        .contains("x&lt;y");
  }

  @Test
  void labelsEverySeverityInWordsNotOnlyColour() {
    String html = AuditHtml.of(SampleReports.mixed(), GENERATOR);
    assertThat(html).contains(">Fail</span>").contains(">Warning</span>").contains("Grade D");
  }
}
