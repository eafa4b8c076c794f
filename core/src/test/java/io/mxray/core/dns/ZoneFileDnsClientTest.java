package io.mxray.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.testing.Fixtures;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class ZoneFileDnsClientTest {

  private static final String ZONE =
      String.join(
          "\n",
          "$TTL 300",
          "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300",
          "@ IN NS ns1",
          "@ IN MX 10 mail",
          "@ IN TXT \"v=spf1 \" \"-all\"",
          "mail IN A 192.0.2.1",
          "www IN CNAME mail",
          "loop1 IN CNAME loop2",
          "loop2 IN CNAME loop1",
          "out IN CNAME mx1.good.example.",
          "a.b.c IN A 192.0.2.3",
          "*.wild IN MX 5 mail",
          "exists.wild IN A 192.0.2.9",
          "");

  private final ZoneFileDnsClient dns =
      ZoneFileDnsClient.builder()
          .zone("zone.example", ZONE)
          .zoneFile(Fixtures.zone("mx/good.zone"))
          .fault("slow.zone.example", DnsStatus.TIMEOUT)
          .fault("broken.zone.example", Type.MX, DnsStatus.SERVFAIL)
          .build();

  @Test
  void answersRecordsOfTheAskedType() {
    DnsAnswer a = dns.query("mail.zone.example", Type.A);
    assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(a.addresses()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.1");
    assertThat(a.authoritative()).isTrue();
  }

  @Test
  void tellsNodataFromNxdomain() {
    assertThat(dns.query("mail.zone.example", Type.MX).status()).isEqualTo(DnsStatus.NODATA);
    assertThat(dns.query("nope.zone.example", Type.A).status()).isEqualTo(DnsStatus.NXDOMAIN);
  }

  @Test
  void treatsEmptyNonTerminalsAsNodata() {
    assertThat(dns.query("b.c.zone.example", Type.A).status()).isEqualTo(DnsStatus.NODATA);
    assertThat(dns.query("c.zone.example", Type.TXT).status()).isEqualTo(DnsStatus.NODATA);
  }

  @Test
  void answersNxdomainOutsideEveryLoadedZone() {
    DnsAnswer a = dns.query("elsewhere.test", Type.A);
    assertThat(a.status()).isEqualTo(DnsStatus.NXDOMAIN);
    assertThat(a.detail()).contains("outside");
  }

  @Test
  void followsCnameChainsAcrossZones() {
    DnsAnswer a = dns.query("out.zone.example", Type.A);
    assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(a.cnameChain()).containsExactly("mx1.good.example");
    assertThat(a.canonicalName()).isEqualTo("mx1.good.example");
    assertThat(dns.query("www.zone.example", Type.A).cnameChain())
        .containsExactly("mail.zone.example");
  }

  @Test
  void returnsTheCnameItselfWhenAskedForIt() {
    DnsAnswer a = dns.query("www.zone.example", Type.CNAME);
    assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(a.cnameChain()).isEmpty();
  }

  @Test
  void matchesNamesWithUnusualOctetsWhateverTheirSpelling() {
    ZoneFileDnsClient c =
        ZoneFileDnsClient.builder()
            .zone("odd.example", "@ IN SOA ns hm 1 2 3 4 5\na\\032b IN TXT \"space\"\n")
            .build();
    assertThat(c.query("a b.odd.example", Type.TXT).status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(c.query("a\\032b.odd.example", Type.TXT).status()).isEqualTo(DnsStatus.NOERROR);
  }

  @Test
  void reportsCnameLoopsAsServfail() {
    assertThat(dns.query("loop1.zone.example", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
  }

  @Test
  void synthesizesWildcardAnswersAtTheClosestEncloser() {
    DnsAnswer a = dns.query("anything.wild.zone.example", Type.MX);
    assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(a.records().get(0).getName().toString()).isEqualTo("anything.wild.zone.example.");
    // An existing name blocks the wildcard (RFC 4592 §2.2.1).
    assertThat(dns.query("exists.wild.zone.example", Type.MX).status()).isEqualTo(DnsStatus.NODATA);
    // The wildcard does not match below an existing name.
    assertThat(dns.query("x.exists.wild.zone.example", Type.MX).status())
        .isEqualTo(DnsStatus.NXDOMAIN);
  }

  @Test
  void keepsTxtStringsApartAndJoinsThemOnRequest() {
    DnsAnswer a = dns.query("zone.example", Type.TXT);
    assertThat(a.txtStrings()).containsExactly(java.util.List.of("v=spf1 ", "-all"));
    assertThat(a.txtJoined()).containsExactly("v=spf1 -all");
  }

  @Test
  void injectsFaultsPerNameAndType() {
    assertThat(dns.query("slow.zone.example", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
    assertThat(dns.query("broken.zone.example", Type.MX).status()).isEqualTo(DnsStatus.SERVFAIL);
    assertThat(dns.query("broken.zone.example", Type.A).status()).isEqualTo(DnsStatus.NXDOMAIN);
  }

  @Test
  void answersDirectQuestionsAuthoritativelyUnlessMarkedLame() throws Exception {
    ZoneFileDnsClient lame =
        ZoneFileDnsClient.builder()
            .zoneFile(Fixtures.zone("mx/good.zone"))
            .lameServer("198.51.100.53")
            .serverFault("192.0.2.99", DnsStatus.TIMEOUT)
            .build();
    DnsAnswer ok =
        lame.queryAuthoritative(InetAddress.getByName("192.0.2.53"), "good.example", Type.SOA);
    assertThat(ok.authoritative()).isTrue();
    assertThat(ok.status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(
            lame.queryAuthoritative(
                    InetAddress.getByName("198.51.100.53"), "good.example", Type.SOA)
                .status())
        .isEqualTo(DnsStatus.REFUSED);
    assertThat(
            lame.queryAuthoritative(InetAddress.getByName("192.0.2.99"), "good.example", Type.SOA)
                .status())
        .isEqualTo(DnsStatus.TIMEOUT);
  }

  @Test
  void derivesTheOriginFromTheFileNameWhenThereIsNoSoa(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("draft.example.zone");
    Files.writeString(f, "@ IN MX 10 mx\nmx IN A 192.0.2.7\n");
    ZoneFileDnsClient c = ZoneFileDnsClient.builder().zoneFile(f).build();
    assertThat(c.query("draft.example", Type.MX).hasRecords()).isTrue();
    assertThat(c.zones()).containsExactly("draft.example");
  }

  @Test
  void acceptsOriginEqualsPathSpecs(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("draft.txt");
    Files.writeString(f, "@ IN MX 10 mx\nmx IN A 192.0.2.7\n");
    ZoneFileDnsClient c = ZoneFileDnsClient.fromSpecs(java.util.List.of("named.example=" + f));
    assertThat(c.query("mx.named.example", Type.A).hasRecords()).isTrue();
  }

  @Test
  void rejectsUnreadableAndMalformedFilesWithOneLineMessages(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ZoneFileDnsClient.builder().zoneFile(dir.resolve("missing.zone")))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("cannot read zone file");
    Path bad = dir.resolve("bad.example.zone");
    Files.writeString(bad, "@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN MX notanumber mail\n");
    assertThatThrownBy(() -> ZoneFileDnsClient.builder().zoneFile(bad))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("cannot parse zone file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    Path noOrigin = dir.resolve("zone");
    Files.writeString(noOrigin, "mx IN A 192.0.2.1\n");
    assertThatThrownBy(() -> ZoneFileDnsClient.builder().zoneFile(noOrigin))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("--zone-file example.com=");
  }
}
