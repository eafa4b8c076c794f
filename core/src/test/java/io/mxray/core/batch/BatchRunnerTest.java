package io.mxray.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class BatchRunnerTest {

  private static final ZoneFileDnsClient ZONES =
      Fixtures.zones(
              "mx/good.zone",
              "mx/broken.zone",
              "mx/nullmx.zone",
              "mx/reverse.zone",
              "mx/reverse-198.zone",
              "mx/reverse-v6.zone")
          .build();

  private static List<DomainName> names(String... ds) {
    return List.of(ds).stream().map(DomainName::parse).toList();
  }

  private static AuditRequest request(DomainName d) {
    return Fixtures.request(d.ascii());
  }

  @Test
  void auditsEveryDomainAndHandsEachReportToTheSinkOnce() throws Exception {
    BatchRunner runner =
        new BatchRunner(
            Registry.auditChecks(),
            new Ports(ZONES, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS),
            Fixtures.CLOCK,
            4);
    List<AuditReport> seen = new ArrayList<>();
    BatchRunner.Summary s =
        runner.run(
            names("good.example", "broken.example", "nullmx.example", "missing.example"),
            BatchRunnerTest::request,
            seen::add);
    assertThat(seen)
        .extracting(AuditReport::domain)
        .containsExactlyInAnyOrder(
            "good.example", "broken.example", "nullmx.example", "missing.example");
    assertThat(s.audited()).isEqualTo(4);
    assertThat(s.bySeverity().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    assertThat(s.worst()).isEqualTo(Severity.FAIL);
    // The well-run fixture domain has nothing to fix: only PASS and INFO notes (e.g. "no DANE", "no
    // MTA-STS").
    assertThat(
            seen.stream()
                .filter(r -> r.domain().equals("good.example"))
                .findFirst()
                .orElseThrow()
                .severity())
        .isIn(Severity.PASS, Severity.INFO);
  }

  @Test
  void neverRunsMoreAuditsAtOnceThanTheConcurrencyAllows() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    DnsClient slow =
        new DnsClient() {
          @Override
          public DnsAnswer query(String name, int type) {
            if (type == Type.MX) {
              int now = inFlight.incrementAndGet();
              peak.accumulateAndGet(now, Math::max);
              try {
                Thread.sleep(5);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                inFlight.decrementAndGet();
              }
            }
            return DnsAnswer.empty(name, type, DnsStatus.NXDOMAIN, "", 0, "");
          }

          @Override
          public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
            return query(name, type);
          }
        };
    List<DomainName> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(DomainName.parse("d" + i + ".example"));
    }
    BatchRunner runner =
        new BatchRunner(
            Registry.auditChecks(),
            new Ports(slow, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS),
            Fixtures.CLOCK,
            3);
    List<String> done = new ArrayList<>();
    runner.run(many, d -> request(d).withChecks(java.util.Set.of("mx")), r -> done.add(r.domain()));
    assertThat(done).hasSize(60).doesNotHaveDuplicates();
    assertThat(peak.get()).isBetween(1, 3);
  }

  @Test
  void stopLetsAuditsInFlightFinishAndStartsNoMore() throws Exception {
    List<DomainName> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(DomainName.parse("d" + i + ".example"));
    }
    BatchRunner runner =
        new BatchRunner(
            Registry.auditChecks(),
            new Ports(ZONES, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS),
            Fixtures.CLOCK,
            2);
    List<String> done = new ArrayList<>();
    BatchRunner.Summary s =
        runner.run(
            many,
            BatchRunnerTest::request,
            r -> {
              done.add(r.domain());
              if (done.size() == 5) {
                runner.stop();
              }
            });
    assertThat(s.stopped()).isTrue();
    assertThat(done.size()).isBetween(5, 7).isEqualTo(s.audited());
  }

  @Test
  void keepsConnectionsWithinTheBlockingThreads() throws Exception {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    io.mxray.core.http.HttpsFetcher counting =
        (uri, timeout, max) -> {
          attempts.incrementAndGet();
          peak.accumulateAndGet(open.incrementAndGet(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            open.decrementAndGet();
          }
          return io.mxray.core.http.HttpsResult.failure(
              io.mxray.core.http.HttpsResult.Outcome.CONNECT_FAILED, "fixture");
        };
    ZoneFileDnsClient sts = Fixtures.zones("mtasts/sts.zone", "mx/reverse.zone").build();
    BatchRunner runner =
        new BatchRunner(
            Registry.auditChecks(),
            new Ports(sts, Fixtures.NO_SOCKETS, counting),
            Fixtures.CLOCK,
            16,
            2);
    List<DomainName> same = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      same.add(DomainName.parse("sts.example"));
    }
    runner.run(same, BatchRunnerTest::request, r -> {});
    assertThat(attempts.get()).isGreaterThanOrEqualTo(12); // the MTA-STS policy of each audit
    assertThat(peak.get()).isBetween(1, 2); // 16 audits in flight, but at most 2 fetches at a time
  }
}
