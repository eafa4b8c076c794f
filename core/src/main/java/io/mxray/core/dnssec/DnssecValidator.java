package io.mxray.core.dnssec;

/**
 * The DNSSEC validation port: asks one question through a validating resolver and says whether the
 * answer is secure, insecure or bogus. Never throws for DNS outcomes.
 */
public interface DnssecValidator {

  /**
   * Validates the answer to {@code name}/{@code type} (dnsjava {@link org.xbill.DNS.Type}
   * constant).
   */
  DnssecVerdict validate(String name, int type);

  /** Where validation starts from, for reports ("root trust anchor", "test anchor"). */
  String anchorDescription();
}
