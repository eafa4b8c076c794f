package io.mxray.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DnsjavaClient against a scripted server on loopback: how wire outcomes map to DnsStatus. */
class DnsjavaClientTest {

  private static DnsjavaClient client(FakeDnsServer server) {
    return new DnsjavaClient(
        new DnsjavaClient.Config(
            List.of(server.address()), Duration.ofMillis(400), 0, server.address().getPort()));
  }

  private static Message reply(Message q, int rcode, Record... answers) {
    Message m = new Message(q.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.getHeader().setRcode(rcode);
    m.addRecord(q.getQuestion(), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  private static ARecord a(String name, String ip) throws Exception {
    return new ARecord(Name.fromString(name), DClass.IN, 60, java.net.InetAddress.getByName(ip));
  }

  @Test
  void mapsRcodesToStatuses() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (q, t) -> {
              String name = q.getQuestion().getName().toString();
              return switch (name) {
                case "nx.example." -> reply(q, Rcode.NXDOMAIN);
                case "fail.example." -> reply(q, Rcode.SERVFAIL);
                case "refused.example." -> reply(q, Rcode.REFUSED);
                case "empty.example." -> reply(q, Rcode.NOERROR);
                default -> reply(q, Rcode.FORMERR);
              };
            })) {
      DnsjavaClient c = client(s);
      assertThat(c.query("nx.example", Type.A).status()).isEqualTo(DnsStatus.NXDOMAIN);
      assertThat(c.query("fail.example", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
      assertThat(c.query("refused.example", Type.A).status()).isEqualTo(DnsStatus.REFUSED);
      assertThat(c.query("empty.example", Type.A).status()).isEqualTo(DnsStatus.NODATA);
      assertThat(c.query("odd.example", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
    }
  }

  @Test
  void reportsASilentServerAsTimeoutWithinTheDeadline() throws Exception {
    try (FakeDnsServer s = new FakeDnsServer((q, t) -> null)) {
      long t0 = System.nanoTime();
      DnsAnswer a = client(s).query("silent.example", Type.A);
      assertThat(a.status()).isEqualTo(DnsStatus.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void retriesOverTcpWhenTheUdpAnswerIsTruncated() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (q, t) -> {
              try {
                if (t.equals("udp")) {
                  Message m = reply(q, Rcode.NOERROR);
                  m.getHeader().setFlag(Flags.TC);
                  return m;
                }
                return reply(q, Rcode.NOERROR, a("big.example.", "192.0.2.1"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })) {
      DnsAnswer a = client(s).query("big.example", Type.A);
      assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
      assertThat(a.addresses()).hasSize(1);
      assertThat(s.tcpQueries.get()).isPositive();
    }
  }

  @Test
  void followsCnameChainsInTheAnswerAndAcrossZoneEdges() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (q, t) -> {
              try {
                String name = q.getQuestion().getName().toString();
                return switch (name) {
                  case "www.example." ->
                      reply(
                          q,
                          Rcode.NOERROR,
                          new CNAMERecord(
                              Name.fromString("www.example."),
                              DClass.IN,
                              60,
                              Name.fromString("edge.example.")),
                          new CNAMERecord(
                              Name.fromString("edge.example."),
                              DClass.IN,
                              60,
                              Name.fromString("host.other.")));
                  case "host.other." -> reply(q, Rcode.NOERROR, a("host.other.", "192.0.2.7"));
                  case "loop.example." ->
                      reply(
                          q,
                          Rcode.NOERROR,
                          new CNAMERecord(
                              Name.fromString("loop.example."),
                              DClass.IN,
                              60,
                              Name.fromString("loop.example.")));
                  default -> reply(q, Rcode.NXDOMAIN);
                };
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })) {
      DnsjavaClient c = client(s);
      DnsAnswer a = c.query("www.example", Type.A);
      assertThat(a.status()).isEqualTo(DnsStatus.NOERROR);
      assertThat(a.name()).isEqualTo("www.example");
      assertThat(a.cnameChain()).containsExactly("edge.example", "host.other");
      assertThat(a.addresses())
          .extracting(java.net.InetAddress::getHostAddress)
          .containsExactly("192.0.2.7");
      assertThat(c.query("loop.example", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
    }
  }

  @Test
  void readsTheAuthoritativeFlagOfDirectQuestions() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (q, t) -> {
              Message m = reply(q, Rcode.NOERROR);
              if (q.getQuestion().getName().toString().startsWith("lame")) {
                m.getHeader().unsetFlag(Flags.AA);
              }
              assertThat(q.getHeader().getFlag(Flags.RD)).isFalse();
              return m;
            })) {
      DnsjavaClient c = client(s);
      assertThat(
              c.queryAuthoritative(s.address().getAddress(), "ok.example", Type.SOA)
                  .authoritative())
          .isTrue();
      assertThat(
              c.queryAuthoritative(s.address().getAddress(), "lame.example", Type.SOA)
                  .authoritative())
          .isFalse();
    }
  }
}
