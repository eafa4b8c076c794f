/**
 * DNSSEC status of a domain (RFC 4033 §5, RFC 4035 §4.3): secure, insecure or bogus, decided by a
 * validating resolver (dnsjava's {@code ValidatingResolver}) from a configured trust anchor, not by
 * the AD bit of whatever resolver happens to be configured.
 */
package io.mxray.core.dnssec;
