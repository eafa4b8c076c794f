package io.mxray.core.probe;

import java.util.Locale;

/**
 * The grades of the Dutch NCSC "IT Security Guidelines for Transport Layer Security (TLS)" (v2.1,
 * 2021), which Internet.nl also applies to mail servers: good, sufficient, phase-out, insufficient.
 * Pure functions over IANA/JSSE names (e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, {@code
 * TLSv1.2}).
 */
public enum NcscGrade {
  GOOD,
  SUFFICIENT,
  PHASE_OUT,
  INSUFFICIENT;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isWorseThan(NcscGrade other) {
    return ordinal() > other.ordinal();
  }

  /** TLS 1.3 and 1.2 are good; 1.1 and 1.0 phase-out; SSL 3 and older insufficient. */
  public static NcscGrade ofVersion(String version) {
    return switch (version) {
      case "TLSv1.3", "TLSv1.2" -> GOOD;
      case "TLSv1.1", "TLSv1", "TLSv1.0" -> PHASE_OUT;
      default -> INSUFFICIENT;
    };
  }

  /**
   * Grades a cipher suite by its key exchange, bulk cipher and mode (NCSC table 5 and appendix B).
   */
  public static NcscGrade ofCipher(String suite) {
    String s = suite.toUpperCase(Locale.ROOT);
    if (s.contains("_NULL_")
        || s.endsWith("_NULL")
        || s.contains("RC4")
        || s.contains("EXPORT")
        || s.contains("_ANON_")
        || s.contains("DH_ANON")
        || s.contains("_DES_")
        || s.contains("DES40")
        || s.contains("_MD5")
        || s.contains("IDEA")
        || s.contains("_PSK_")
        || s.startsWith("SSL_")) {
      return INSUFFICIENT;
    }
    if (!s.contains("_WITH_")) {
      // TLS 1.3 suites name no key exchange: all are forward secret AEADs.
      return s.contains("CCM_8") ? SUFFICIENT : GOOD;
    }
    String kex = s.substring(0, s.indexOf("_WITH_"));
    String bulk = s.substring(s.indexOf("_WITH_") + 6);
    boolean ecdhe = kex.startsWith("TLS_ECDHE_");
    boolean dhe = kex.startsWith("TLS_DHE_");
    if (bulk.contains("3DES")) {
      return PHASE_OUT;
    }
    boolean aead =
        bulk.contains("GCM")
            || bulk.contains("CHACHA20")
            || (bulk.contains("CCM") && !bulk.contains("CCM_8"));
    boolean strongCipher =
        bulk.startsWith("AES")
            || bulk.startsWith("CHACHA20")
            || bulk.startsWith("CAMELLIA")
            || bulk.startsWith("ARIA");
    if (!strongCipher) {
      return INSUFFICIENT;
    }
    if (ecdhe) {
      return aead && (bulk.startsWith("AES") || bulk.startsWith("CHACHA20")) ? GOOD : SUFFICIENT;
    }
    if (dhe) {
      return SUFFICIENT;
    }
    if (kex.equals("TLS_RSA")) {
      return PHASE_OUT;
    }
    // Static DH/ECDH and other key exchanges without forward secrecy.
    return INSUFFICIENT;
  }
}
