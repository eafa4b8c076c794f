package io.mxray.core.mailtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.mailtest.RecipientPolicy.Purpose;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {

  private final RecipientPolicy p =
      new RecipientPolicy(
          List.of("dmarc@lab.example", "@reports.example", "tls.lab.example"), "t.example");

  @Test
  void acceptsConfiguredReportAddressesAndDomains() {
    assertThat(p.accept("dmarc@lab.example").orElseThrow().purpose()).isEqualTo(Purpose.REPORT);
    assertThat(p.accept("<DMARC@Lab.Example>")).isPresent();
    assertThat(p.accept("anything@reports.example")).isPresent();
    assertThat(p.accept("x@tls.lab.example")).isPresent();
  }

  @Test
  void acceptsTestAddressesWithTheirToken() {
    var a = p.accept("test-abcdefghijklmnop2345@t.example").orElseThrow();
    assertThat(a.purpose()).isEqualTo(Purpose.TEST);
    assertThat(a.token()).isEqualTo("abcdefghijklmnop2345");
    assertThat(p.testAddress("abcdefghijklmnop2345"))
        .isEqualTo("test-abcdefghijklmnop2345@t.example");
  }

  @Test
  void refusesEverythingElseSoItIsNeverARelay() {
    for (String r :
        List.of(
            "postmaster@lab.example",
            "victim@elsewhere.example",
            "dmarc%elsewhere.example@lab.example",
            "elsewhere.example!dmarc@lab.example",
            "@lab.example:dmarc@elsewhere.example",
            "\"dmarc@lab.example\"@elsewhere.example",
            "test-short@t.example",
            "test-abcdefghijklmnop@other.example",
            "dmarc@lab.example.elsewhere.example",
            "",
            "noatsign")) {
      assertThat(p.accept(r)).as(r).isEmpty();
    }
  }
}
