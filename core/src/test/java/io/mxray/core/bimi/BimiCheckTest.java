package io.mxray.core.bimi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BimiCheckTest {

  static final String GOOD_SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\""
          + " viewBox=\"0 0 100 100\"><title>Brand</title><circle cx=\"50\" cy=\"50\" r=\"40\" fill=\"#c00\"/></svg>";
  static final String BAD_SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
          + " x=\"0\"><script>alert(1)</script><image xlink:href=\"https://tracker.example/p.png\"/></svg>";

  private static HttpsFetcher serving(String svg) {
    return (uri, timeout, max) ->
        new HttpsResult(
            HttpsResult.Outcome.OK,
            200,
            Map.of("content-type", List.of("image/svg+xml")),
            svg.getBytes(StandardCharsets.UTF_8),
            false,
            "");
  }

  private static CheckResult run(String domain, HttpsFetcher https) {
    return Fixtures.run(
        new BimiCheck(),
        Fixtures.zones("bimi/brand.zone", "bimi/weak.zone", "bimi/bad.zone", "bimi/plain.zone")
            .build(),
        Fixtures.request(domain),
        https);
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void passesAValidLogoWithEnforcedDmarc() {
    assertThat(codes(run("brand.example", serving(GOOD_SVG)))).containsExactly("bimi.ok");
  }

  @Test
  void requiresDmarcEnforcementAndNotesAMissingCertificate() {
    CheckResult r = run("weak.example", serving(GOOD_SVG));
    assertThat(codes(r)).containsExactlyInAnyOrder("bimi.dmarc-insufficient", "bimi.no-authority");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void flagsAnSvgThatIsNotTinyPs() {
    CheckResult r = run("brand.example", serving(BAD_SVG));
    assertThat(codes(r)).containsExactly("bimi.svg-invalid");
    assertThat(r.findings().get(0).evidence()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void refusesADoctypeInTheLogo() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\"><title>&x;</title></svg>";
    assertThat(SvgTinyPs.check(xxe.getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .contains("DOCTYPE");
  }

  @Test
  void failsOnAnHttpLogoUrlAndNotesDeclinedRecords() {
    assertThat(codes(run("bad.example", Fixtures.NO_HTTPS))).containsExactly("bimi.invalid");
    assertThat(codes(run("declined.bad.example", Fixtures.NO_HTTPS)))
        .containsExactly("bimi.declined");
  }

  @Test
  void noRecordIsInformation() {
    CheckResult r = run("plain.example", Fixtures.NO_HTTPS);
    assertThat(codes(r)).containsExactly("bimi.missing");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void anUnreachableLogoIsAWarningAndATimeoutIsInconclusive() {
    assertThat(
            run("brand.example", Fixtures.failingHttps(HttpsResult.Outcome.TLS_FAILED)).severity())
        .isEqualTo(Severity.WARN);
    assertThat(run("brand.example", Fixtures.failingHttps(HttpsResult.Outcome.TIMEOUT)).severity())
        .isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void parsesRecords() {
    assertThat(
            BimiRecord.parse("v=BIMI1; l=https://x.example/l.svg; a=https://x.example/a.pem")
                .valid())
        .isTrue();
    assertThat(
            BimiRecord.parse("v=BIMI1; l=https://a.example/1.svg,https://a.example/2.svg").valid())
        .isFalse();
    assertThat(BimiRecord.parse("l=https://x.example/l.svg; v=BIMI1").valid()).isFalse();
    assertThat(BimiRecord.parse("v=BIMI1;").valid()).isFalse();
  }
}
