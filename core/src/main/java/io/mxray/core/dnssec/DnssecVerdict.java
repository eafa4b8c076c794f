package io.mxray.core.dnssec;

import java.util.Objects;

/**
 * What the validator concluded about one question.
 *
 * @param status secure, insecure, bogus or indeterminate
 * @param reason the validator's explanation for bogus or indeterminate answers, else empty
 * @param rcode the DNS response code name ("NOERROR", "NXDOMAIN", "SERVFAIL"), or empty on failure
 */
public record DnssecVerdict(DnssecStatus status, String reason, String rcode) {
  public DnssecVerdict {
    Objects.requireNonNull(status, "status");
    reason = Objects.requireNonNullElse(reason, "");
    rcode = Objects.requireNonNullElse(rcode, "");
  }
}
