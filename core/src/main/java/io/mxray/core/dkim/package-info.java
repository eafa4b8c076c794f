/**
 * DKIM (RFC 6376, RFC 8463): the tag-list syntax (§3.2) shared with DMARC and friends, and key records
 * (§3.6.1).
 */
package io.mxray.core.dkim;
