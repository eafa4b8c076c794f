package io.mxray.core.dmarc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed DMARC policy record (RFC 7489 §6.3; DMARCbis tags np, t, psd).
 *
 * @param raw the record text as published
 * @param policy p=
 * @param subdomainPolicy sp= when given (otherwise p= applies to subdomains)
 * @param nonexistentPolicy np= when given (DMARCbis; otherwise the subdomain policy applies)
 * @param percent pct= (100 when absent)
 * @param rua aggregate report destinations
 * @param ruf failure report destinations
 * @param dkimAlignment adkim= (relaxed by default)
 * @param spfAlignment aspf= (relaxed by default)
 * @param failureOptions fo= values (default "0")
 * @param reportFormats rf= values (default "afrf")
 * @param reportInterval ri= seconds (default 86400)
 * @param testing t=y (DMARCbis test mode)
 * @param psd psd= ("y", "n", "u"; empty when absent)
 * @param unknownTags tags this parser does not know (tolerated, RFC 7489 §6.3)
 */
public record DmarcRecord(
    String raw,
    Policy policy,
    Optional<Policy> subdomainPolicy,
    Optional<Policy> nonexistentPolicy,
    int percent,
    List<ReportUri> rua,
    List<ReportUri> ruf,
    Alignment dkimAlignment,
    Alignment spfAlignment,
    List<String> failureOptions,
    List<String> reportFormats,
    long reportInterval,
    boolean testing,
    String psd,
    List<String> unknownTags) {

  public DmarcRecord {
    rua = List.copyOf(rua);
    ruf = List.copyOf(ruf);
    failureOptions = List.copyOf(failureOptions);
    reportFormats = List.copyOf(reportFormats);
    unknownTags = List.copyOf(unknownTags);
  }

  /** The requested handling of failing mail (RFC 7489 §6.3 "p"). */
  public enum Policy {
    NONE,
    QUARANTINE,
    REJECT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The next stricter step on the none → quarantine → reject path, or empty at reject. */
    public Optional<Policy> next() {
      return this == NONE
          ? Optional.of(QUARANTINE)
          : this == QUARANTINE ? Optional.of(REJECT) : Optional.empty();
    }

    public static Optional<Policy> parse(String v) {
      return switch (v.strip().toLowerCase(Locale.ROOT)) {
        case "none" -> Optional.of(NONE);
        case "quarantine" -> Optional.of(QUARANTINE);
        case "reject" -> Optional.of(REJECT);
        default -> Optional.empty();
      };
    }
  }

  /** Identifier alignment mode (RFC 7489 §3.1). */
  public enum Alignment {
    RELAXED,
    STRICT;

    public String id() {
      return this == RELAXED ? "r" : "s";
    }
  }

  /**
   * One report destination (RFC 7489 §6.2): a URI with an optional size limit ("!10m").
   *
   * @param uri the URI as written
   * @param mailbox the address for mailto: URIs, else empty
   * @param domain the address's domain for mailto: URIs, lower-case, else empty
   * @param sizeLimit the limit as written ("10m"), or empty
   */
  public record ReportUri(String uri, String mailbox, String domain, String sizeLimit) {}

  /** The policy for existing subdomains: sp= if given, else p=. */
  public Policy effectiveSubdomainPolicy() {
    return subdomainPolicy.orElse(policy);
  }

  /** The policy for non-existent subdomains (DMARCbis np=): np=, else sp=, else p=. */
  public Policy effectiveNonexistentPolicy() {
    return nonexistentPolicy.orElse(effectiveSubdomainPolicy());
  }
}
