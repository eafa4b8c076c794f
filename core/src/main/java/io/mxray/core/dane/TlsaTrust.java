package io.mxray.core.dane;

import io.mxray.core.dnssec.DnssecStatus;
import java.util.Objects;

/**
 * Whether DANE senders can use one MX host's TLSA records (RFC 7672 §2.1.1, §2.2): the DNSSEC
 * status of the RRset that decided it — the TLSA records themselves, or the host's address records
 * when the TLSA records are secure but the addresses are not.
 *
 * @param status secure, insecure, bogus or indeterminate
 * @param rrset the RRset the status is about, e.g. {@code _25._tcp.mx.example.com TLSA} or {@code
 *     mx.example.com A}
 * @param reason the validator's explanation (bogus, indeterminate), else empty
 */
public record TlsaTrust(DnssecStatus status, String rrset, String reason) {

  public TlsaTrust {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rrset, "rrset");
    reason = Objects.requireNonNullElse(reason, "");
  }

  /**
   * From a plain secure/insecure flag (the resolver's AD bit), about the TLSA RRset {@code
   * tlsaName}.
   */
  public static TlsaTrust of(boolean secure, String tlsaName) {
    return new TlsaTrust(
        secure ? DnssecStatus.SECURE : DnssecStatus.INSECURE, tlsaName + " TLSA", "");
  }

  public boolean secure() {
    return status == DnssecStatus.SECURE;
  }
}
