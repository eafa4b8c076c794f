/**
 * DKIM (RFC 6376, RFC 8463): the tag-list syntax (§3.2) shared with DMARC and friends, key records
 * (§3.6.1), and signature verification (§3.4 canonicalization, §3.7 hashes, §6.1 verifier actions;
 * RFC 8301 algorithm and key-size rules).
 */
package io.mxray.core.dkim;
