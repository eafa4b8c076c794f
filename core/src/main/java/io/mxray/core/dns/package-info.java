/**
 * The DNS port and its implementations. Outcomes are data ({@link io.mxray.core.dns.DnsStatus}):
 * NOERROR, NXDOMAIN, NODATA (RFC 2308), SERVFAIL, REFUSED, TIMEOUT. Implements RFC 1035 master-file
 * loading, RFC 4592 wildcards and RFC 2308 negative caching for the zone-file and caching clients.
 */
package io.mxray.core.dns;
