package io.mxray.core.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the small hand-written bounce samples in {@code src/test/resources/bounce}. */
final class BounceFixtures {

  private BounceFixtures() {}

  static byte[] read(String name) {
    try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounce/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
