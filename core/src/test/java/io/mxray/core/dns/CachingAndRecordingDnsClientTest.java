package io.mxray.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class CachingAndRecordingDnsClientTest {

  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.set(now.get().plus(d));
    }
  }

  @Test
  void asksOnceWithinTheTtlAndAgainAfterIt() {
    RecordingDnsClient recorder = new RecordingDnsClient(Fixtures.zones("mx/good.zone").build());
    MovableClock clock = new MovableClock();
    CachingDnsClient cache = new CachingDnsClient(recorder, clock);
    cache.query("good.example", Type.MX);
    cache.query("good.example", Type.MX);
    assertThat(recorder.count()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(3601));
    cache.query("good.example", Type.MX);
    assertThat(recorder.count()).isEqualTo(2);
  }

  @Test
  void recordsNameTypeAndStatusOfEveryQuestion() {
    RecordingDnsClient recorder = new RecordingDnsClient(Fixtures.zones("mx/good.zone").build());
    recorder.query("good.example", Type.MX);
    recorder.query("nothing.good.example", Type.A);
    assertThat(recorder.queries())
        .extracting(DnsQuery::name, DnsQuery::type, DnsQuery::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("good.example", "MX", DnsStatus.NOERROR),
            org.assertj.core.groups.Tuple.tuple("nothing.good.example", "A", DnsStatus.NXDOMAIN));
  }

  @Test
  void cachesFailuresOnlyBriefly() {
    RecordingDnsClient recorder =
        new RecordingDnsClient(
            ZoneFileDnsClient.builder().fault("slow.example", DnsStatus.TIMEOUT).build());
    MovableClock clock = new MovableClock();
    CachingDnsClient cache = new CachingDnsClient(recorder, clock);
    cache.query("slow.example", Type.A);
    clock.advance(CachingDnsClient.FAILURE_TTL.plusSeconds(1));
    cache.query("slow.example", Type.A);
    assertThat(recorder.count()).isEqualTo(2);
  }
}
