package io.mxray.core.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches TLSA records against a presented certificate chain (RFC 6698 §2.1, RFC 7672 §3.1):
 * DANE-EE(3) against the end-entity certificate only; DANE-TA(2) against any certificate the server
 * sent above it. For DANE-EE, names and expiry are deliberately not checked (RFC 7672 §3.1.1).
 */
public final class TlsaMatcher {

  private TlsaMatcher() {}

  /** The chain position (0 = end entity) that {@code tlsa} matches, if any. */
  public static Optional<Integer> match(Tlsa tlsa, List<X509Certificate> chain) {
    if (!tlsa.wellFormed() || chain.isEmpty()) {
      return Optional.empty();
    }
    int from =
        tlsa.usage() == Tlsa.DANE_TA || tlsa.usage() == Tlsa.PKIX_TA
            ? Math.min(1, chain.size() - 1)
            : 0;
    int to = tlsa.usage() == Tlsa.DANE_EE || tlsa.usage() == Tlsa.PKIX_EE ? 1 : chain.size();
    for (int i = from; i < to; i++) {
      if (Arrays.equals(
          associationData(chain.get(i), tlsa.selector(), tlsa.matchingType()), tlsa.data())) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The association data a certificate yields for a selector and matching type. */
  public static byte[] associationData(X509Certificate cert, int selector, int matchingType) {
    byte[] content;
    try {
      content = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
    } catch (CertificateEncodingException e) {
      return new byte[0];
    }
    try {
      return switch (matchingType) {
        case 1 -> MessageDigest.getInstance("SHA-256").digest(content);
        case 2 -> MessageDigest.getInstance("SHA-512").digest(content);
        default -> content;
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA-2", e);
    }
  }

  /**
   * The recommended record for a certificate: {@code 3 1 1 <SHA-256 of the SPKI>} (RFC 7671 §5.1).
   */
  public static String recommendedRecord(X509Certificate leaf) {
    return "3 1 1 "
        + HexFormat.of().formatHex(associationData(leaf, 1, 1)).toUpperCase(Locale.ROOT);
  }
}
