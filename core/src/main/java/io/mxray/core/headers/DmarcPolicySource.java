package io.mxray.core.headers;

/**
 * The port through which message analysis finds the DMARC policy of a From domain (RFC 7489 §6.6.3:
 * the domain's own record, else its organizational domain's). The DMARC record parser lives in its
 * own package; an adapter to it is wired by the caller. Alignment itself is computed in this
 * package.
 */
@FunctionalInterface
public interface DmarcPolicySource {

  DmarcPolicy lookup(String fromDomain);

  /** Used until a DMARC parser is wired: says honestly that no policy was looked up. */
  DmarcPolicySource NOT_WIRED =
      d -> DmarcPolicy.notEvaluated("no DMARC policy lookup is wired into this analysis");

  /**
   * A DMARC policy, or why there is none.
   *
   * @param status what the lookup found
   * @param policy p= (or sp= when it applies): none, quarantine, reject
   * @param strictDkim adkim=s
   * @param strictSpf aspf=s
   * @param record the record text
   * @param reason details for failures and not-evaluated
   */
  record DmarcPolicy(
      Status status,
      String policy,
      boolean strictDkim,
      boolean strictSpf,
      String record,
      String reason) {

    /**
     * FOUND: a valid record applies; NONE: no record; TEMPERROR: DNS failed; NOT_EVALUATED: not
     * looked up.
     */
    public enum Status {
      FOUND,
      NONE,
      TEMPERROR,
      PERMERROR,
      NOT_EVALUATED
    }

    public static DmarcPolicy notEvaluated(String reason) {
      return new DmarcPolicy(Status.NOT_EVALUATED, "", false, false, "", reason);
    }
  }
}
