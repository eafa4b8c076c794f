package io.mxray.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

  @Test
  void lowercasesAndDropsTheTrailingDot() {
    assertThat(DomainName.parse(" Example.COM. ").ascii()).isEqualTo("example.com");
  }

  @Test
  void convertsIdnToALabels() {
    assertThat(DomainName.parse("例え.jp").ascii()).isEqualTo("xn--r8jz45g.jp");
    assertThat(DomainName.parse("bücher.example").ascii()).isEqualTo("xn--bcher-kva.example");
  }

  @Test
  void acceptsServiceLabels() {
    assertThat(DomainName.parse("_dmarc.example.com").ascii()).isEqualTo("_dmarc.example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "2001:db8::1", "[2001:db8::1]"})
  void rejectsIpAddresses(String input) {
    assertThatThrownBy(() -> DomainName.parse(input))
        .isInstanceOf(InvalidDomainException.class)
        .hasMessageContaining("IP address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "exa mple.com",
        "a..b",
        ".lead.example",
        "bad!char.example",
        "tab\there.example",
        ""
      })
  void rejectsMalformedNames(String input) {
    assertThatThrownBy(() -> DomainName.parse(input)).isInstanceOf(InvalidDomainException.class);
  }

  @Test
  void rejectsOverlongLabelsAndNames() {
    assertThatThrownBy(() -> DomainName.parse("a".repeat(300) + ".example"))
        .isInstanceOf(InvalidDomainException.class)
        .hasMessageContaining("63");
    String longName = ("a".repeat(60) + ".").repeat(5) + "example";
    assertThatThrownBy(() -> DomainName.parse(longName))
        .isInstanceOf(InvalidDomainException.class)
        .hasMessageContaining("253");
  }
}
