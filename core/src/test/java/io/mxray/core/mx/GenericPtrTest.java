package io.mxray.core.mx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GenericPtrTest {

  @ParameterizedTest
  @CsvSource({
    "p1234-ipngn5601tokyo.tokyo.ocn.ne.jp, S25R rule 1",
    "pc12345.example.net, S25R rule 2",
    "12.34.dsl.example.net, S25R rule 3",
    "host1.xy2-3.example.net, S25R rule 4",
    "a1.b2.pool.isp.example, S25R rule 5",
    "dhcp42.isp.example, S25R rule 6",
    "adsl-home.example.net, mxray pool keywords",
    "p1234-ipngn.tokyo.ocn.ne.jp, mxray pool keywords",
    "xxx.dsl.example.net, mxray pool keywords",
    "cpe-10-1-2-3.dyn.isp.example, S25R rule 1"
  })
  void flagsDynamicLookingNames(String name, String rule) {
    assertThat(GenericPtr.match(name)).map(GenericPtr.Match::rule).contains(rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mx1.good.example",
        "mail.example.com",
        "smtp-out.mail.example.org",
        "mx.pool.example",
        "outbound1.mailer.example.com",
        "mail.example.co.jp"
      })
  void acceptsOrdinaryMailServerNames(String name) {
    assertThat(GenericPtr.match(name)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void ptrCheckWarnsAboutGenericNamesWithTheRule() {
    ZoneFileDnsClient dns =
        ZoneFileDnsClient.builder()
            .zone(
                "generic.example", "@ IN SOA ns hm 1 2 3 4 5\n@ IN MX 10 mx\nmx IN A 192.0.2.77\n")
            .zone(
                "2.0.192.in-addr.arpa",
                "@ IN SOA ns hm 1 2 3 4 5\n77 IN PTR p1234-ipngn.tokyo.ocn.ne.jp.\n")
            .build();
    CheckResult r = Fixtures.run(new PtrCheck(), dns, "generic.example");
    Finding f =
        r.findings().stream()
            .filter(x -> x.codeId().equals("ptr.generic"))
            .findFirst()
            .orElseThrow();
    assertThat(f.evidence()).anyMatch(e -> e.contains("mxray pool keywords"));
  }
}
