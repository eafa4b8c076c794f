package io.mxray.bench;

import io.mxray.core.dmarc.DmarcParser;
import io.mxray.core.dmarc.OrgDomain;
import io.mxray.core.mtasts.MtaStsPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure policy parsers and the Public Suffix List lookup: the per-message cost DMARC alignment
 * and batch audits pay on top of DNS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PolicyParseBenchmark {

  private static final String DMARC =
      "v=DMARC1; p=quarantine; sp=reject; pct=100; adkim=s; aspf=r; fo=1:d;"
          + " rua=mailto:dmarc@example.com,mailto:agg@reports.example.net!10m; ruf=mailto:f@example.com; ri=86400";
  private static final String POLICY =
      "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\n"
          + "mx: *.mail.example.net\r\nmx: backup.example.org\r\nmax_age: 604800\r\n";

  @Benchmark
  public Object dmarcParse() {
    return DmarcParser.parse(DMARC);
  }

  @Benchmark
  public Object mtaStsPolicyParse() {
    return MtaStsPolicy.parse(POLICY);
  }

  @Benchmark
  public String orgDomainPsl() {
    return OrgDomain.of("bounces.mail.example.co.uk");
  }
}
