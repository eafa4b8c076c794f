/**
 * DMARC (RFC 7489, with RFC 9989 / DMARCbis awareness): the record parser (§6.3), policy discovery
 * at {@code _dmarc.<domain>} and the organizational domain (§6.6.3, Public Suffix List via {@link
 * io.mxray.core.dmarc.OrgDomain}) or the DMARCbis DNS tree walk, and external report authorization
 * (§7.1).
 */
package io.mxray.core.dmarc;
