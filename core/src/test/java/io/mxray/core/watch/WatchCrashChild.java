package io.mxray.core.watch;

import io.mxray.core.Registry;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.Auditor;
import io.mxray.core.audit.Ports;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link WatchDurabilityTest} kills with SIGKILL: a scheduler auditing five domains as
 * fast as it can (its clock jumps two hours per pass, so every domain is always due), printing
 * "saved ID" after each committed audit. Not a test itself.
 */
public final class WatchCrashChild {

  private WatchCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    AtomicLong pass = new AtomicLong();
    // Start where the last (killed) process left the schedule, so every domain is due at once.
    Instant base = Instant.now();
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      for (WatchEntry e : store.list()) {
        base = e.nextRunAt().isAfter(base) ? e.nextRunAt() : base;
      }
    }
    Instant start = base;
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return start.plus(Duration.ofHours(2 * pass.get()));
          }
        };
    ZoneFileDnsClient dns =
        ZoneFileDnsClient.builder()
            .zoneFile(Fixtures.zone("mx/good.zone"))
            .zoneFile(Fixtures.zone("mx/broken.zone"))
            .build();
    Auditor auditor = new Auditor(Registry.auditChecks(), Runnable::run, clock);
    try (JdbcWatchStore store = JdbcWatchStore.sqlite(dir)) {
      WatchService service = new WatchService(store, clock);
      for (String d :
          new String[] {"good.example", "broken.example", "a.example", "b.example", "c.example"}) {
        if (store.get(d).isEmpty()) {
          service.add(d, Duration.ofHours(1), "", "");
        }
      }
      WatchScheduler scheduler =
          new WatchScheduler(
              store,
              d ->
                  auditor.audit(
                      Fixtures.request(d).withChecks(Set.of("mx", "ns")),
                      new Ports(dns, Fixtures.NO_SOCKETS, Fixtures.NO_HTTPS)),
              new WatchScheduler.Renderer() {
                @Override
                public String report(AuditReport r) {
                  return "{\"domain\":\""
                      + r.domain()
                      + "\",\"pad\":\""
                      + "x".repeat(20_000)
                      + "\"}";
                }

                @Override
                public String diff(AuditDiff d) {
                  return "{}";
                }
              },
              null,
              "",
              clock,
              new Random(),
              (e, id, diff, delivery) -> {
                System.out.println("saved " + id);
                System.out.flush();
              });
      int passes = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
      for (int i = 0; i < passes; i++) {
        scheduler.runDue();
        pass.incrementAndGet();
      }
    }
  }
}
