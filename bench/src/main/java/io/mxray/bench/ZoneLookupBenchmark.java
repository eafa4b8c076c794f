package io.mxray.bench;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.ZoneFileDnsClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Type;

/** Zone-file lookups per second: the cost floor of every fixture-driven audit. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ZoneLookupBenchmark {

  private ZoneFileDnsClient dns;

  @Setup
  public void setup() {
    StringBuilder zone = new StringBuilder("@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\n");
    for (int i = 0; i < 1000; i++) {
      zone.append("host").append(i).append(" IN A 192.0.2.").append(i % 250).append('\n');
    }
    zone.append("* IN MX 10 host1\n");
    dns = ZoneFileDnsClient.builder().zone("bench.example", zone.toString()).build();
  }

  @Benchmark
  public DnsAnswer exactMatch() {
    return dns.query("host500.bench.example", Type.A);
  }

  @Benchmark
  public DnsAnswer wildcard() {
    return dns.query("nothing.bench.example", Type.MX);
  }
}
