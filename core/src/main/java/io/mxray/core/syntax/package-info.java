/**
 * Record syntaxes shared by several protocols: {@link io.mxray.core.syntax.TagList} is the RFC 6376
 * §3.2 tag=value list that DKIM keys and signatures, DMARC (RFC 7489 §6.4), MTA-STS (RFC 8461
 * §3.1), TLS-RPT (RFC 8460 §3) and BIMI records use.
 */
package io.mxray.core.syntax;
