package io.mxray.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the report reader: every fixture, bare and in each container, with random
 * byte flips, insertions, deletions and truncations. The reader must never throw and must always
 * say something (a report or a finding). Seeded, so a failure reproduces.
 */
class FeedbackReaderFuzzTest {

  private static final List<String> FIXTURES =
      List.of(
          "rfc7489.xml",
          "dmarcbis.xml",
          "draft.xml",
          "faults.xml",
          "tlsrpt.json",
          "tlsrpt-loose.json",
          "arf.eml",
          "text-failure.eml");

  @Test
  void neverThrowsOnMutatedInputs() {
    FeedbackReader reader =
        new FeedbackReader(new FeedbackReader.Limits(4 << 20, 16 << 20, 32, 6, 10_000));
    Random rnd = new Random(20251201L);
    int runs = 0;
    for (String f : FIXTURES) {
      byte[] base = ReportFixtures.bytes(f);
      List<byte[]> forms =
          List.of(
              base,
              ReportFixtures.gzip(base),
              ReportFixtures.zip("r", base),
              ReportFixtures.mail("application/gzip", "r.gz", ReportFixtures.gzip(base)));
      for (byte[] form : forms) {
        for (int i = 0; i < 60; i++) {
          byte[] m = mutate(form, rnd);
          assertThatCode(
                  () -> {
                    FeedbackReader.Outcome o = reader.read("fuzz", m);
                    assertThat(o.reports().isEmpty() && o.findings().isEmpty()).isFalse();
                  })
              .as("%s mutation %d", f, i)
              .doesNotThrowAnyException();
          runs++;
        }
      }
    }
    assertThat(runs).isEqualTo(FIXTURES.size() * 4 * 60);
  }

  private static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    int kind = rnd.nextInt(4);
    switch (kind) {
      case 0 -> {
        for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
        return b;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
      }
      case 2 -> {
        int at = rnd.nextInt(b.length);
        byte[] ins = new byte[1 + rnd.nextInt(64)];
        rnd.nextBytes(ins);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
      }
      default -> {
        int from = rnd.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + rnd.nextInt(100));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, b.length - from - len);
        return out;
      }
    }
  }
}
