package io.mxray.core.mx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.testing.Fixtures;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class NsCheckTest {

  private final NsCheck check = new NsCheck();

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void passesTwoAuthoritativeServers() {
    CheckResult r = Fixtures.run(check, Fixtures.zones("mx/good.zone").build(), "good.example");
    assertThat(codes(r)).containsExactly("ns.ok");
    assertThat(r.facts().get("zone")).isEqualTo("good.example");
  }

  @Test
  void walksUpFromAHostNameToItsZone() {
    CheckResult r = Fixtures.run(check, Fixtures.zones("mx/good.zone").build(), "mx1.good.example");
    assertThat(r.facts().get("zone")).isEqualTo("good.example");
    assertThat(codes(r)).containsExactly("ns.ok");
  }

  @Test
  void warnsAboutASingleNameServer() {
    CheckResult r = Fixtures.run(check, Fixtures.zones("mx/v4only.zone").build(), "v4only.example");
    assertThat(codes(r)).containsExactly("ns.single");
  }

  @Test
  void failsLameServersAndServersWithoutAddress() {
    ZoneFileDnsClient dns =
        Fixtures.zones("mx/lame.zone", "mx/good.zone").lameServer("198.51.100.56").build();
    CheckResult r = Fixtures.run(check, dns, "lame.example");
    assertThat(codes(r)).containsExactlyInAnyOrder("ns.lame", "ns.no-address");
    assertThat(r.findings())
        .filteredOn(f -> f.codeId().equals("ns.lame"))
        .extracting(Finding::subject)
        .containsExactly("ns2.lame.example");
  }

  @Test
  void reportsSilentServersAsInconclusiveNotLame() {
    ZoneFileDnsClient dns =
        Fixtures.zones("mx/good.zone").serverFault("198.51.100.53", DnsStatus.TIMEOUT).build();
    CheckResult r = Fixtures.run(check, dns, "good.example");
    assertThat(codes(r)).containsExactly("ns.unreachable");
  }

  @Test
  void warnsWhenServersDisagreeOnTheSerial() throws Exception {
    ZoneFileDnsClient zones = Fixtures.zones("mx/good.zone").build();
    DnsClient stale =
        new DnsClient() {
          @Override
          public DnsAnswer query(String name, int type) {
            return zones.query(name, type);
          }

          @Override
          public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
            DnsAnswer a = zones.queryAuthoritative(server, name, type);
            if (!server.getHostAddress().equals("198.51.100.53")) {
              return a;
            }
            SOARecord soa = (SOARecord) a.records().get(0);
            SOARecord old =
                new SOARecord(
                    soa.getName(),
                    DClass.IN,
                    300,
                    soa.getHost(),
                    soa.getAdmin(),
                    2026010101L,
                    7200,
                    3600,
                    1209600,
                    300);
            return new DnsAnswer(
                a.name(),
                type,
                DnsStatus.NOERROR,
                List.of(old),
                List.of(),
                false,
                true,
                a.server(),
                0,
                "");
          }
        };
    CheckResult r = Fixtures.run(check, stale, "good.example");
    assertThat(codes(r)).containsExactly("ns.serial-mismatch");
    assertThat(Name.fromString("good.example.")).isNotNull();
  }

  @Test
  void notesWhenEveryServerSitsInOneNetwork() {
    ZoneFileDnsClient dns =
        ZoneFileDnsClient.builder()
            .zone(
                "samenet.example",
                String.join(
                    "\n",
                    "@ IN SOA ns1 hostmaster 1 2 3 4 5",
                    "@ IN NS ns1",
                    "@ IN NS ns2",
                    "ns1 IN A 192.0.2.1",
                    "ns2 IN A 192.0.2.2",
                    ""))
            .build();
    CheckResult r = Fixtures.run(check, dns, "samenet.example");
    assertThat(codes(r)).contains("ns.same-network");
  }

  @Test
  void reportsAnNsLookupTimeoutAsInconclusive() {
    ZoneFileDnsClient dns =
        Fixtures.zones("mx/good.zone").fault("good.example", Type.NS, DnsStatus.TIMEOUT).build();
    assertThat(codes(Fixtures.run(check, dns, "good.example"))).containsExactly("dns.timeout");
  }
}
