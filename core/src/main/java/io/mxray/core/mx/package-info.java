/**
 * Mail exchangers and the delegation behind them: MX records (RFC 5321 §5.1, RFC 7505 null MX, RFC
 * 2181 §10.3 aliases), reverse DNS with forward confirmation (RFC 1912 §2.1, RFC 8601 §2.7.3), and
 * name servers (RFC 2182 §5, RFC 1912 §2.8 lame delegation).
 */
package io.mxray.core.mx;
