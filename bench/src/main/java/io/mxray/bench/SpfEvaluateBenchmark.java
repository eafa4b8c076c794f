package io.mxray.bench;

import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * SPF parse and check_host() over the whole RFC 7208 suite, in memory (zone-file DNS, no network).
 * One operation is the whole suite: 203 evaluations, or every SPF record of its zone data parsed
 * once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SpfEvaluateBenchmark {

  private List<SpfSuite.Case> cases;
  private List<SpfEvaluator> evaluators;
  private List<String> records;

  @Setup
  public void setup() throws IOException {
    cases = SpfSuite.cases();
    evaluators = new ArrayList<>();
    for (SpfSuite.Case c : cases) {
      evaluators.add(new SpfEvaluator(c.dns()));
    }
    records = SpfSuite.records();
  }

  @Benchmark
  public void evaluateSuite(Blackhole bh) {
    for (int i = 0; i < cases.size(); i++) {
      SpfEvaluation e = evaluators.get(i).checkHost(cases.get(i).request());
      bh.consume(e);
    }
  }

  @Benchmark
  public void parseSuiteRecords(Blackhole bh) {
    for (String r : records) {
      bh.consume(SpfParser.parse(r));
    }
  }
}
