package io.mxray.core.spf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpfParserTest {

  @Test
  void parsesEveryMechanismWithQualifiersAndDualCidr() {
    SpfParser.Parse p =
        SpfParser.parse(
            "v=spf1 +a -mx/24//64 ~ptr:example.org ?ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.com"
                + " exists:%{ir}.%{l1r+-}._spf.%{d} a:mail.example.com/28 redirect=example.net exp=exp.%{d} foo.bar=x -all");
    assertThat(p.ok()).isTrue();
    SpfRecord r = p.record().orElseThrow();
    assertThat(r.directives())
        .extracting(SpfDirective::mechanism)
        .containsExactly(
            SpfMechanism.A,
            SpfMechanism.MX,
            SpfMechanism.PTR,
            SpfMechanism.IP4,
            SpfMechanism.IP6,
            SpfMechanism.INCLUDE,
            SpfMechanism.EXISTS,
            SpfMechanism.A,
            SpfMechanism.ALL);
    SpfDirective mx = r.directives().get(1);
    assertThat(mx.qualifier()).isEqualTo(SpfQualifier.FAIL);
    assertThat(mx.ip4Prefix()).isEqualTo(24);
    assertThat(mx.ip6Prefix()).isEqualTo(64);
    assertThat(r.directives().get(7).domain().orElseThrow().text()).isEqualTo("mail.example.com");
    assertThat(r.directives().get(7).ip4Prefix()).isEqualTo(28);
    assertThat(r.redirect().orElseThrow().value().text()).isEqualTo("example.net");
    assertThat(r.modifier("foo.bar")).isPresent();
  }

  @Test
  void parsesMacroTransformersAndDelimiters() {
    SpfMacroString s =
        SpfMacroString.parse("%{L2r-+}.%{d}%%%_%-", 0, "", false).value().orElseThrow();
    SpfMacroString.Macro m = (SpfMacroString.Macro) s.parts().get(0);
    assertThat(m.letter()).isEqualTo('l');
    assertThat(m.urlEscape()).isTrue();
    assertThat(m.digits()).isEqualTo(2);
    assertThat(m.reverse()).isTrue();
    assertThat(m.delimiters()).isEqualTo("-+");
    assertThat(s.parts().get(s.parts().size() - 1)).isEqualTo(new SpfMacroString.Literal("% %20"));
  }

  @ParameterizedTest(name = "{0} -> error at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v=spf1 a:foo.example.com/33 -all|24|a:foo.example.com/33|false",
        "v=spf1 ip4:192.0.2.300 -all|11|ip4:192.0.2.300|false",
        "v=spf1 ip4:192.0.2.1/08|20|ip4:192.0.2.1/08|false",
        "v=spf1 ip6:192.0.2.1|11|ip6:192.0.2.1|false",
        "v=spf1 mx -all foo|15|foo|false",
        "v=spf1 all:x|10|all:x|false",
        "v=spf1 include:|14|include:|false",
        "v=spf1 a:museum -all|14|a:museum|false",
        "v=spf1 exists:%{x}.example.com|14|exists:%{x}.example.com|true",
        "v=spf1 exists:%{c}.example.com|14|exists:%{c}.example.com|true",
        "v=spf1 a:%{d0}.example.com|9|a:%{d0}.example.com|true",
        "v=spf1 a:50%.example.com|11|a:50%.example.com|true",
        "v=spf1 redirect=a.example redirect=b.example|26|redirect=b.example|false",
        "v=spf1 exp=|10|exp=|false",
      })
  void reportsThePositionAndTermOfSyntaxErrors(
      String record, int position, String term, boolean macro) {
    SpfParser.Parse p = SpfParser.parse(record);
    assertThat(p.ok()).as(record).isFalse();
    SpfSyntaxError e = p.error().orElseThrow();
    assertThat(e.position()).as(e.toString()).isEqualTo(position);
    assertThat(e.term()).isEqualTo(term);
    assertThat(e.macro()).isEqualTo(macro);
  }

  @Test
  void refusesControlCharactersAndNonAscii() {
    assertThat(SpfParser.parse("v=spf1 a\u0007 -all").error().orElseThrow().position())
        .isEqualTo(8);
    assertThat(SpfParser.parse("v=spf1 a:caf\u00e9.example -all").error().orElseThrow().message())
        .contains("not ASCII");
  }

  @Test
  void recognisesSpfRecordsOnlyByExactVersion() {
    assertThat(SpfRecord.isSpf("v=spf1")).isTrue();
    assertThat(SpfRecord.isSpf("V=SPF1 -all")).isTrue();
    assertThat(SpfRecord.isSpf("v=spf10 -all")).isFalse();
    assertThat(SpfRecord.isSpf("v=spf1-all")).isFalse();
  }

  @Test
  void refusesAHugeRecordWithoutScanningIt() {
    String huge = "v=spf1 " + "a ".repeat(40_000);
    assertThat(SpfParser.parse(huge).error().orElseThrow().message()).contains("longer than");
  }
}
