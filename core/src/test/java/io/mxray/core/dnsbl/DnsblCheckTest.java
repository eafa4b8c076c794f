package io.mxray.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsblCheckTest {

  static final List<Blocklist> LISTS =
      BlocklistConfig.parse(
          String.join(
              "\n",
              "test-ip | Test IP list | ip | rbl.test | yes | exact | 127.0.0.2=test listing"
                  + " | 127.255.255.254=query via a public resolver | https://rbl.test/remove",
              "test-dbl | Test domain list | domain | dbl.test | no | bitmask | 8=phishing;16=malware"
                  + " | 127.0.0.1=query blocked | https://dbl.test/remove"),
          "test");

  private CheckResult run(io.mxray.core.dns.ZoneFileDnsClient dns) {
    return Fixtures.run(new DnsblCheck(LISTS), dns, "good.example");
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void reportsAListingWithMeaningReasonAndRemovalLink() {
    CheckResult r =
        run(Fixtures.zones("mx/good.zone", "dnsbl/lists.zone", "dnsbl/domains.zone").build());
    Finding listed =
        r.findings().stream()
            .filter(f -> f.codeId().equals("rbl.listed") && f.subject().equals("192.0.2.10"))
            .findFirst()
            .orElseThrow();
    assertThat(listed.severity()).isEqualTo(Severity.FAIL);
    assertThat(listed.message()).contains("test listing");
    assertThat(listed.remediation()).contains("https://rbl.test/remove");
    assertThat(listed.evidence()).anyMatch(e -> e.contains("spam trap hits"));
  }

  @Test
  void aListingsReasonIsAskedWithoutBlockingTheThreadThatDeliversAnswers() throws Exception {
    // Answers arrive on one "I/O" thread, as with dnsjava's selector; a callback that waited there
    // for the
    // TXT answer would wait for itself.
    io.mxray.core.dns.DnsClient zones = Fixtures.zones("dnsbl/lists.zone").build();
    java.util.concurrent.ExecutorService io =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      io.mxray.core.dns.DnsClient oneIoThread =
          new io.mxray.core.dns.DnsClient() {
            @Override
            public io.mxray.core.dns.DnsAnswer query(String name, int type) {
              return queryAsync(name, type).join();
            }

            @Override
            public java.util.concurrent.CompletableFuture<io.mxray.core.dns.DnsAnswer> queryAsync(
                String name, int type) {
              return java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> zones.query(name, type), io);
            }

            @Override
            public io.mxray.core.dns.DnsAnswer queryAuthoritative(
                InetAddress server, String name, int type) {
              return zones.queryAuthoritative(server, name, type);
            }
          };
      InetAddress listed = InetAddress.getByName("192.0.2.10");
      List<DnsblVerdict> verdicts =
          java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> new DnsblLookup(oneIoThread).checkAddress(listed, LISTS))
              .get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(verdicts)
          .filteredOn(v -> v.outcome() == DnsblVerdict.Outcome.LISTED)
          .singleElement()
          .satisfies(v -> assertThat(v.txt()).contains("spam trap hits"));
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void neverCallsARefusalCodeAListing() {
    CheckResult r =
        run(Fixtures.zones("mx/good.zone", "dnsbl/lists.zone", "dnsbl/domains.zone").build());
    assertThat(r.findings())
        .filteredOn(f -> f.subject().equals("198.51.100.20"))
        .extracting(Finding::codeId)
        .containsExactly("rbl.query-refused");
    // 127.0.0.1 on a bitmask domain list is "query blocked", not a listing.
    assertThat(r.findings())
        .filteredOn(f -> f.subject().equals("good.example"))
        .extracting(Finding::codeId)
        .containsExactly("rbl.query-refused");
  }

  @Test
  void decodesBitmaskDomainListings() {
    CheckResult r =
        run(Fixtures.zones("mx/good.zone", "dnsbl/lists.zone", "dnsbl/domains.zone").build());
    Finding f =
        r.findings().stream()
            .filter(x -> x.subject().equals("mx2.good.example"))
            .findFirst()
            .orElseThrow();
    assertThat(f.codeId()).isEqualTo("rbl.listed");
    assertThat(f.message()).contains("phishing").contains("malware");
  }

  @Test
  void reportsTimeoutsAsInconclusiveNeverAsListedOrClean() {
    CheckResult r =
        run(
            Fixtures.zones("mx/good.zone", "dnsbl/lists.zone", "dnsbl/domains.zone")
                .fault("10.2.0.192.rbl.test", DnsStatus.TIMEOUT)
                .build());
    assertThat(r.findings())
        .filteredOn(f -> f.subject().equals("192.0.2.10"))
        .extracting(Finding::codeId)
        .containsExactly("rbl.timeout");
    assertThat(codes(r)).doesNotContain("rbl.clean");
  }

  @Test
  void treatsAnswersOutsideLoopbackAsRewrittenNotListed() throws Exception {
    DnsblCheck check = new DnsblCheck(LISTS);
    CheckResult r =
        check.run(
            Fixtures.zones("dnsbl/lists.zone").build(),
            List.of(InetAddress.getByName("203.0.113.1")),
            List.of(),
            "203.0.113.1");
    assertThat(codes(r)).containsExactly("rbl.query-refused");
    assertThat(r.findings().get(0).message()).contains("outside 127.0.0.0/8");
  }

  @Test
  void saysCleanWhenEveryListAnsweredNothing() throws Exception {
    CheckResult r =
        new DnsblCheck(LISTS)
            .run(
                Fixtures.zones("dnsbl/lists.zone", "dnsbl/domains.zone").build(),
                List.of(InetAddress.getByName("192.0.2.99")),
                List.of("clean.example"),
                "192.0.2.99");
    assertThat(codes(r)).containsExactly("rbl.clean");
  }

  @Test
  void doesNotCallUnloadedListZonesCleanInZoneFileMode() {
    CheckResult r = run(Fixtures.zones("mx/good.zone").build());
    assertThat(codes(r)).isEmpty();
    assertThat(r.facts().get("results").toString()).contains("not-applicable");
  }

  @Test
  void buildsNibbleQueriesForIpv6() throws Exception {
    assertThat(DnsblLookup.queryName(InetAddress.getByName("2001:db8::1"), "rbl.test"))
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.rbl.test");
    assertThat(DnsblLookup.queryName(InetAddress.getByName("192.0.2.10"), "rbl.test"))
        .isEqualTo("10.2.0.192.rbl.test");
  }

  @Test
  void bundlesTheMajorListsWithRefusalCodes() {
    List<Blocklist> defaults = BlocklistConfig.defaults();
    assertThat(defaults)
        .extracting(Blocklist::id)
        .contains(
            "spamhaus-zen",
            "spamcop",
            "barracuda",
            "uceprotect-1",
            "psbl",
            "mailspike",
            "spamhaus-dbl",
            "surbl",
            "uribl");
    Blocklist zen =
        defaults.stream().filter(b -> b.id().equals("spamhaus-zen")).findFirst().orElseThrow();
    assertThat(zen.refusals()).containsKey("127.255.255.254");
    assertThat(zen.ipv6()).isTrue();
  }

  @Test
  void rejectsMalformedConfigurationWithTheLineNumber() {
    assertThatThrownBy(() -> BlocklistConfig.parse("# comment\nbad | line", "my.conf"))
        .hasMessageContaining("my.conf line 2");
    assertThatThrownBy(
            () ->
                BlocklistConfig.parse("a | A | url | z.test | no | exact | 127.0.0.2=x | | u", "c"))
        .hasMessageContaining("kind must be");
  }
}
