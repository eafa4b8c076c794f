package io.mxray.bench;

import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.BounceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bounces explained per second over the shared corpus ({@code ../shared/corpora/bounces/eml}, or
 * the directory in {@code -Dmxray.bounces=DIR}): parse (mime4j) + classify + explain, messages
 * already in memory. One operation = one message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BounceCorpusBenchmark {

  /** Messages in the shared corpus side used for the numbers in docs/benchmarks.md. */
  static final int CORPUS_SIZE = 298;

  private List<byte[]> messages;
  private BounceExplainer explainer;

  @Setup
  public void setup() throws IOException {
    Path dir = Path.of(System.getProperty("mxray.bounces", "../shared/corpora/bounces/eml"));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "bounce corpus not found at "
              + dir.toAbsolutePath()
              + " (run from the repository root or pass -Dmxray.bounces=DIR)");
    }
    messages = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        messages.add(Files.readAllBytes(p));
      }
    }
    explainer = new BounceExplainer();
  }

  /**
   * Every message of the corpus once; the score is messages per second when it has CORPUS_SIZE
   * files.
   */
  @Benchmark
  @OperationsPerInvocation(CORPUS_SIZE)
  public void explainCorpus(Blackhole bh) {
    for (byte[] m : messages) {
      BounceReport r = explainer.explain(m);
      bh.consume(r);
    }
  }
}
