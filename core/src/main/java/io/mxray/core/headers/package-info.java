/**
 * Message analysis: RFC 5322 header parsing (RFC 2047 decoding in {@link
 * io.mxray.core.message.EncodedWords}), Received headers (RFC 5321 §4.4 From-domain and TCP-info,
 * the IANA Mail Transmission Types of RFC 3848 and RFC 6531, RFC 5322 §4.3 obsolete dates) read by
 * grammar family, the chain with its trust boundary, delays, shares and clock skew,
 * Authentication-Results (RFC 8601), Received-SPF (RFC 7208 §9.1), DMARC alignment (RFC 7489 §3.1),
 * spam-filter headers, a glossary of well-known fields and the bulk-sender checklist. Parsers are
 * pure and budgeted (sizes capped before any pattern, one pass over the text); the {@link
 * io.mxray.core.headers.MessageAnalyzer} does I/O only through the DNS port and the SPF/DMARC
 * ports.
 */
package io.mxray.core.headers;
