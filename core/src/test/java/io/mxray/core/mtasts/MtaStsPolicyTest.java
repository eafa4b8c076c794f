package io.mxray.core.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {

  @Test
  void parsesAPolicyWithCrlfLines() {
    MtaStsPolicy p =
        MtaStsPolicy.parse(
            "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
                + "max_age: 604800\r\n");
    assertThat(p.errors()).isEmpty();
    assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
    assertThat(p.maxAgeSeconds()).isEqualTo(604800);
    assertThat(p.mx()).containsExactly("mail.example.com", "*.example.net");
  }

  @Test
  void wildcardsMatchExactlyOneLabel() {
    MtaStsPolicy p =
        MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 86400\n");
    assertThat(p.covers("mx1.example.net")).isTrue();
    assertThat(p.covers("MX1.Example.NET.")).isTrue();
    assertThat(p.covers("a.b.example.net")).isFalse();
    assertThat(p.covers("example.net")).isFalse();
  }

  @Test
  void namesTheLineOfEachError() {
    MtaStsPolicy p =
        MtaStsPolicy.parse("version: STSv2\nmode: strict\nmax_age: forever\nmx: bad host\n");
    assertThat(p.valid()).isFalse();
    assertThat(p.errors())
        .anyMatch(e -> e.startsWith("line 1:"))
        .anyMatch(e -> e.startsWith("line 2:"))
        .anyMatch(e -> e.startsWith("line 3:"))
        .anyMatch(e -> e.startsWith("line 4:"));
  }

  @Test
  void requiresVersionModeMaxAgeAndMx() {
    assertThat(MtaStsPolicy.parse("").errors()).hasSize(4);
    assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400\n").valid()).isTrue();
  }

  @Test
  void ignoresUnknownFields() {
    assertThat(
            MtaStsPolicy.parse(
                    "version: STSv1\nmode: testing\nmx: a.example.com\nmax_age: 1\nfoo: bar\n")
                .valid())
        .isTrue();
  }

  @Test
  void parsesTheTxtRecord() {
    assertThat(MtaStsTxt.parse("v=STSv1; id=20190429T010101").id()).isEqualTo("20190429T010101");
    assertThat(MtaStsTxt.parse("v=STSv1;").valid()).isFalse();
    assertThat(MtaStsTxt.parse("id=1; v=STSv1").valid()).isFalse();
    assertThat(MtaStsTxt.parse("v=STSv1; id=" + "a".repeat(33)).valid()).isFalse();
  }
}
