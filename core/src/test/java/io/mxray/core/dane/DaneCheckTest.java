package io.mxray.core.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.testing.Fixtures;
import io.mxray.core.testing.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DaneCheckTest {

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void reportsUnsignedTlsaAndTheMxWithoutTlsa() {
    CheckResult r = Fixtures.run(new DaneCheck(), Fixtures.zones("dane/dane.zone").build(), "dane.example");
    assertThat(codes(r)).containsExactlyInAnyOrder("dane.insecure", "dane.no-rollover", "dane.missing");
    assertThat(r.findings()).filteredOn(f -> f.codeId().equals("dane.missing")).extracting(Finding::subject)
        .containsExactly("mx2.dane.example");
  }

  @Test
  void summarisesADomainWithoutAnyTlsaOnce() {
    CheckResult r = Fixtures.run(new DaneCheck(), Fixtures.zones("mx/good.zone").build(), "good.example");
    assertThat(codes(r)).containsExactly("dane.missing");
    assertThat(r.findings().get(0).subject()).isEqualTo("good.example");
  }

  @Test
  void matchesAgainstTheChainTheProbeSaw() {
    TestCertificates.Issued ca = TestCertificates.ca("CA");
    TestCertificates.Issued leaf = TestCertificates.leaf(ca, "mx1.dane.example");
    ChainSource probe = (ctx, host) -> List.of(leaf.certificate(), ca.certificate());
    CheckResult r = Fixtures.run(new DaneCheck(probe), Fixtures.zones("dane/dane.zone").build(),
        Fixtures.request("dane.example").withProbe(true));
    assertThat(codes(r)).contains("dane.mismatch");
  }

  @Test
  void reportsATlsaLookupTimeoutAsInconclusive() {
    CheckResult r = Fixtures.run(new DaneCheck(),
        Fixtures.zones("dane/dane.zone").fault("_25._tcp.mx1.dane.example", Type.TLSA, DnsStatus.TIMEOUT).build(),
        "dane.example");
    assertThat(codes(r)).contains("dns.timeout").doesNotContain("dane.insecure");
  }
}
