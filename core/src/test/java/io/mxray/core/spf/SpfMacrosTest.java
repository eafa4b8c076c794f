package io.mxray.core.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The macro expansion examples of RFC 7208 §7.4. */
class SpfMacrosTest {

  private static SpfMacros.Context ctx(String ip) {
    return new SpfMacros.Context(
        "strong-bad@email.example.com",
        "email.example.com",
        InetAddresses.forString(ip),
        "mx.example.org",
        "mx.receiver.example",
        1_700_000_000L,
        () -> "unknown");
  }

  private static String expand(String macro, String ip, boolean explanation) {
    SpfMacroString s = SpfMacroString.parse(macro, 0, "", explanation).value().orElseThrow();
    return SpfMacros.expand(s, ctx(ip));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
      })
  void expandsTheRfcExamples(String macro, String expected) {
    assertThat(expand(macro, "192.0.2.3", false)).isEqualTo(expected);
  }

  @Test
  void expandsIpv6AsNibbles() {
    // RFC 7208 §7.4 prints the nibbles in lower case; mxray uses upper case like pyspf and the
    // suite.
    assertThat(expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01", false))
        .isEqualToIgnoringCase(
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
  }

  @Test
  void urlEscapesUpperCaseMacrosAndExpandsExplanationOnlyLetters() {
    assertThat(expand("%{S}", "192.0.2.3", false)).isEqualTo("strong-bad%40email.example.com");
    assertThat(expand("%{c} %{r} %{t}", "2001:db8::cb01", true))
        .isEqualTo("2001:db8::cb01 mx.receiver.example 1700000000");
    assertThat(SpfMacroString.parse("%{c}", 0, "", false).error()).isPresent();
  }

  @Test
  void truncatesExpandedDomainsToTwoHundredFiftyThreeOctetsFromTheLeft() {
    String longName =
        "a".repeat(60)
            + "."
            + "b".repeat(60)
            + "."
            + "c".repeat(60)
            + "."
            + "d".repeat(60)
            + ".example.com";
    String t = SpfDomains.truncate(longName);
    assertThat(t.length()).isLessThanOrEqualTo(253);
    assertThat(t).startsWith("b").endsWith(".example.com");
  }
}
