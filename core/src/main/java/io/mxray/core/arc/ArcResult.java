package io.mxray.core.arc;

import java.util.List;
import java.util.Locale;

/**
 * The ARC chain validation outcome of a message (RFC 8617 §5.2).
 *
 * @param status none (no ARC sets), pass or fail
 * @param instances how many ARC sets the message carries (the highest i=)
 * @param reason why the chain failed, "" otherwise
 * @param sets what each set says, oldest (i=1) first
 */
public record ArcResult(Status status, int instances, String reason, List<ArcSetInfo> sets) {

  public ArcResult {
    sets = List.copyOf(sets);
  }

  /**
   * The cv values of RFC 8617 §4.1.3, plus TEMPERROR when a key could not be fetched (RFC 8617
   * §5.2).
   */
  public enum Status {
    NONE,
    PASS,
    FAIL,
    TEMPERROR;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One ARC set as written by one intermediary.
   *
   * @param instance i=
   * @param sealDomain d= of the ARC-Seal
   * @param sealSelector s= of the ARC-Seal
   * @param cv the cv= the intermediary recorded
   * @param authservId who wrote the ARC-Authentication-Results
   * @param authResults the recorded results, e.g. "spf=pass dkim=pass dmarc=pass"
   * @param messageSignature verification of the set's ARC-Message-Signature ("pass", "fail", "not
   *     checked")
   * @param seal verification of the set's ARC-Seal
   */
  public record ArcSetInfo(
      int instance,
      String sealDomain,
      String sealSelector,
      String cv,
      String authservId,
      String authResults,
      String messageSignature,
      String seal) {}
}
