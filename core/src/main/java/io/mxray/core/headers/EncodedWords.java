package io.mxray.core.headers;

/**
 * Moved to {@link io.mxray.core.message.EncodedWords} (the RFC 5322 model package, so bounce and
 * other mail readers share it). This delegate keeps callers on other branches (fuzz targets)
 * compiling until they switch.
 *
 * @deprecated use {@link io.mxray.core.message.EncodedWords}
 */
@Deprecated(forRemoval = true)
public final class EncodedWords {

  private EncodedWords() {}

  /** See {@link io.mxray.core.message.EncodedWords#octetsToText(String)}. */
  public static String octetsToText(String octets) {
    return io.mxray.core.message.EncodedWords.octetsToText(octets);
  }

  /** See {@link io.mxray.core.message.EncodedWords#decode(String)}. */
  public static String decode(String text) {
    return io.mxray.core.message.EncodedWords.decode(text);
  }

  /** See {@link io.mxray.core.message.EncodedWords#hasUndecodedWords(String)}. */
  public static boolean hasUndecodedWords(String decoded) {
    return io.mxray.core.message.EncodedWords.hasUndecodedWords(decoded);
  }
}
