package io.mxray.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditorTest {

  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private Ports ports() {
    return new Ports(
        Fixtures.zones("mx/good.zone", "mx/reverse.zone").build(),
        Fixtures.NO_SOCKETS,
        Fixtures.NO_HTTPS);
  }

  @Test
  void runsEveryRegisteredCheckAndLogsTheDnsQueries() {
    Auditor auditor = new Auditor(Registry.auditChecks(), executor, Fixtures.CLOCK);
    AuditReport report = auditor.audit(Fixtures.request("good.example"), ports()).join();
    assertThat(report.checks()).extracting(c -> c.id().value()).startsWith("mx", "ptr", "ns");
    assertThat(report.dnsQueries()).isNotEmpty();
    // The caching client asks each question once although mx and ptr both resolve the MX set.
    assertThat(
            report.dnsQueries().stream()
                .filter(q -> q.name().equals("good.example") && q.type().equals("MX")))
        .hasSize(1);
  }

  @Test
  void turnsACrashIntoAnInconclusiveFinding() {
    Check boom =
        TestChecks.of(
            "boom",
            ctx -> {
              throw new IllegalStateException("bug");
            });
    AuditReport report =
        new Auditor(List.of(boom), executor, Fixtures.CLOCK)
            .audit(Fixtures.request("good.example"), ports())
            .join();
    assertThat(report.has("audit.check-crashed")).isTrue();
    assertThat(report.severity()).isEqualTo(Severity.INCONCLUSIVE);
    assertThat(report.findings().get(0).evidence().get(0)).contains("IllegalStateException: bug");
  }

  @Test
  void turnsASlowCheckIntoATimeoutFinding() {
    Check slow =
        TestChecks.of(
            "slow",
            ctx -> {
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return CheckResult.builder(CheckId.of("slow"), "slow").build();
            });
    AuditRequest request =
        Fixtures.request("good.example").withCheckTimeout(Duration.ofMillis(100));
    AuditReport report =
        new Auditor(List.of(slow), executor, Fixtures.CLOCK).audit(request, ports()).join();
    assertThat(report.has("audit.check-timeout")).isTrue();
  }

  @Test
  void runsOnlyTheSelectedChecks() {
    AuditReport report =
        new Auditor(Registry.auditChecks(), executor, Fixtures.CLOCK)
            .audit(Fixtures.request("good.example").withChecks(java.util.Set.of("ns")), ports())
            .join();
    assertThat(report.checks()).extracting(c -> c.id().value()).containsExactly("ns");
  }

  @Test
  void ordersSeverityByTheNagiosConvention() {
    assertThat(Severity.worstOf(List.of(Severity.WARN, Severity.INCONCLUSIVE)))
        .isEqualTo(Severity.WARN);
    assertThat(Severity.worstOf(List.of(Severity.INFO, Severity.INCONCLUSIVE)))
        .isEqualTo(Severity.INCONCLUSIVE);
    assertThat(Severity.worstOf(List.of(Severity.FAIL, Severity.WARN))).isEqualTo(Severity.FAIL);
    assertThat(Severity.worstOf(List.of())).isEqualTo(Severity.PASS);
  }

  @Test
  void aDomainThatDoesNotExistIsOneFailureNotAListOfRecordsToPublish() {
    AuditReport report =
        new Auditor(Registry.auditChecks(), executor, Fixtures.CLOCK)
            .audit(Fixtures.request("nowhere.example"), ports())
            .join();
    assertThat(report.findings())
        .filteredOn(f -> f.severity() == Severity.FAIL || f.severity() == Severity.WARN)
        .extracting(f -> f.codeId())
        .containsExactly("mx.nxdomain");
    assertThat(report.checks())
        .filteredOn(c -> !c.id().value().equals("mx"))
        .allSatisfy(
            c ->
                assertThat(c.findings())
                    .extracting(f -> f.codeId())
                    .containsExactly("audit.not-assessed"));
    assertThat(report.has("dmarc.missing")).isFalse();
    assertThat(report.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void oneTypeAnsweredNxdomainByABrokenServerDoesNotMakeTheDomainMissing() {
    Ports broken =
        new Ports(
            Fixtures.zones("mx/good.zone", "mx/reverse.zone")
                .fault(
                    "good.example", org.xbill.DNS.Type.DNSKEY, io.mxray.core.dns.DnsStatus.NXDOMAIN)
                .build(),
            Fixtures.NO_SOCKETS,
            Fixtures.NO_HTTPS);
    AuditReport report =
        new Auditor(Registry.auditChecks(), executor, Fixtures.CLOCK)
            .audit(Fixtures.request("good.example"), broken)
            .join();
    assertThat(report.has("audit.not-assessed")).isFalse();
    assertThat(report.has("mx.ok")).isTrue();
  }
}
