package io.mxray.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dmarc.DmarcRecord.Alignment;
import io.mxray.core.dmarc.DmarcRecord.Policy;
import org.junit.jupiter.api.Test;

class DmarcParserTest {

  @Test
  void parsesEveryTagOfAFullRecord() {
    DmarcParser.Result r =
        DmarcParser.parse(
            "v=DMARC1; p=quarantine; sp=reject; np=reject; pct=50;"
                + " rua=mailto:a@example.com!10m, mailto:b@example.net; ruf=mailto:f@example.com; adkim=s; aspf=r;"
                + " fo=1:d; rf=afrf; ri=3600; t=y; psd=n");
    assertThat(r.errors()).isEmpty();
    DmarcRecord d = r.record().orElseThrow();
    assertThat(d.policy()).isEqualTo(Policy.QUARANTINE);
    assertThat(d.effectiveSubdomainPolicy()).isEqualTo(Policy.REJECT);
    assertThat(d.effectiveNonexistentPolicy()).isEqualTo(Policy.REJECT);
    assertThat(d.percent()).isEqualTo(50);
    assertThat(d.rua())
        .extracting(DmarcRecord.ReportUri::domain)
        .containsExactly("example.com", "example.net");
    assertThat(d.rua().get(0).sizeLimit()).isEqualTo("10m");
    assertThat(d.dkimAlignment()).isEqualTo(Alignment.STRICT);
    assertThat(d.failureOptions()).containsExactly("1", "d");
    assertThat(d.reportInterval()).isEqualTo(3600);
    assertThat(d.testing()).isTrue();
    assertThat(d.psd()).isEqualTo("n");
  }

  @Test
  void appliesDefaultsForAMinimalRecord() {
    DmarcRecord d = DmarcParser.parse("v=DMARC1; p=none").record().orElseThrow();
    assertThat(d.percent()).isEqualTo(100);
    assertThat(d.effectiveSubdomainPolicy()).isEqualTo(Policy.NONE);
    assertThat(d.spfAlignment()).isEqualTo(Alignment.RELAXED);
    assertThat(d.reportInterval()).isEqualTo(86400);
  }

  @Test
  void rejectsARecordThatDoesNotStartWithTheVersion() {
    DmarcParser.Result r = DmarcParser.parse("p=reject; v=DMARC1");
    assertThat(r.usable()).isFalse();
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.fatal()).isTrue());
  }

  @Test
  void reportsTheErrorPositionOfABadPolicy() {
    DmarcParser.Result r = DmarcParser.parse("v=DMARC1; p=rejected");
    assertThat(r.usable()).isFalse();
    assertThat(r.errors().get(0).position()).isEqualTo(10);
  }

  @Test
  void treatsAMissingPolicyWithReportsAsNone() {
    DmarcParser.Result r = DmarcParser.parse("v=DMARC1; rua=mailto:d@example.com");
    assertThat(r.record().orElseThrow().policy()).isEqualTo(Policy.NONE);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.fatal()).isFalse());
  }

  @Test
  void fallsBackToDefaultsForBadOptionalValues() {
    DmarcParser.Result r =
        DmarcParser.parse("v=DMARC1; p=reject; pct=150; adkim=x; rua=d@example.com");
    assertThat(r.usable()).isTrue();
    assertThat(r.record().orElseThrow().percent()).isEqualTo(100);
    assertThat(r.record().orElseThrow().rua()).isEmpty();
    assertThat(r.errors()).hasSize(3).allSatisfy(e -> assertThat(e.fatal()).isFalse());
  }

  @Test
  void toleratesUnknownTags() {
    DmarcParser.Result r = DmarcParser.parse("v=DMARC1; p=reject; foo=bar");
    assertThat(r.errors()).isEmpty();
    assertThat(r.record().orElseThrow().unknownTags()).containsExactly("foo");
  }

  @Test
  void reportsTagListErrorsWithTheirPosition() {
    DmarcParser.Result r = DmarcParser.parse("v=DMARC1; p=reject; p=none");
    assertThat(r.usable()).isFalse();
    assertThat(r.errors().get(0).position()).isEqualTo(20);
  }

  @Test
  void recognisesDmarcRecordsAmongOtherTxt() {
    assertThat(DmarcParser.isDmarc("v=DMARC1; p=none")).isTrue();
    assertThat(DmarcParser.isDmarc("v=DMARC1")).isTrue();
    assertThat(DmarcParser.isDmarc("v=spf1 -all")).isFalse();
    assertThat(DmarcParser.isDmarc("v=DMARC10; p=none")).isFalse();
  }
}
