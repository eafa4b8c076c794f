package io.mxray.core.dane;

import java.util.HexFormat;
import java.util.Locale;
import org.xbill.DNS.TLSARecord;

/**
 * One TLSA record's fields (RFC 6698 §2.1): certificate usage, selector, matching type, association
 * data.
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {

  public static final int PKIX_TA = 0;
  public static final int PKIX_EE = 1;
  public static final int DANE_TA = 2;
  public static final int DANE_EE = 3;

  public Tlsa {
    data = data.clone();
  }

  public static Tlsa of(TLSARecord r) {
    return new Tlsa(
        r.getCertificateUsage(),
        r.getSelector(),
        r.getMatchingType(),
        r.getCertificateAssociationData());
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * Usable for SMTP: DANE-TA(2) or DANE-EE(3) with a known selector and matching type (RFC 7672
   * §3.1.3).
   */
  public boolean usableForSmtp() {
    return (usage == DANE_TA || usage == DANE_EE) && wellFormed();
  }

  /**
   * Known selector (0 full cert, 1 SPKI) and matching type (0 full, 1 SHA2-256, 2 SHA2-512) of the
   * right length.
   */
  public boolean wellFormed() {
    if (selector != 0 && selector != 1) {
      return false;
    }
    return switch (matchingType) {
      case 0 -> data.length > 0;
      case 1 -> data.length == 32;
      case 2 -> data.length == 64;
      default -> false;
    };
  }

  /** Presentation form, e.g. {@code 3 1 1 ab12…}. */
  public String text() {
    return usage
        + " "
        + selector
        + " "
        + matchingType
        + " "
        + HexFormat.of().formatHex(data).toUpperCase(Locale.ROOT);
  }
}
