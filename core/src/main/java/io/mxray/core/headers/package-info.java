/**
 * Message analysis: RFC 5322 header parsing (with RFC 2047 decoding via mime4j), Received chains
 * (RFC 5321 §4.4) and hop delays, Authentication-Results (RFC 8601), Received-SPF (RFC 7208 §9.1),
 * DMARC alignment (RFC 7489 §3.1), spam-filter headers and the bulk-sender checklist. Parsers are
 * pure; the {@link io.mxray.core.headers.MessageAnalyzer} does I/O only through the DNS port and
 * the SPF/DMARC ports.
 */
package io.mxray.core.headers;
