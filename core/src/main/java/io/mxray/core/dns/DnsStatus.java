package io.mxray.core.dns;

/**
 * The outcome of one DNS question, as data. NXDOMAIN and NODATA are answers ("absent"); SERVFAIL,
 * REFUSED and TIMEOUT mean "could not tell" and must never be reported as "missing".
 */
public enum DnsStatus {
  /** The name exists and has records of the asked type. */
  NOERROR,
  /** The name does not exist (RFC 8020: nor does anything below it). */
  NXDOMAIN,
  /**
   * The name exists but has no records of the asked type (RCODE 0, empty answer; RFC 2308 §2.2).
   */
  NODATA,
  /** The server failed to answer (RCODE 2, or a malformed reply). */
  SERVFAIL,
  /** The server refused to answer (RCODE 5). */
  REFUSED,
  /** No answer within the deadline, or no server could be reached. */
  TIMEOUT;

  /** True when this status says nothing about the data: SERVFAIL, REFUSED, TIMEOUT. */
  public boolean isFailure() {
    return this == SERVFAIL || this == REFUSED || this == TIMEOUT;
  }

  /** True for an authoritative "there is nothing here": NXDOMAIN or NODATA. */
  public boolean isAbsent() {
    return this == NXDOMAIN || this == NODATA;
  }
}
