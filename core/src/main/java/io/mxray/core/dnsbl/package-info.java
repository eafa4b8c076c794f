/**
 * DNS blocklists (RFC 5782): IP lists queried by reversed octets or nibbles, domain lists by name,
 * and the difference between a listing, a refusal dressed as an answer, and no answer at all.
 */
package io.mxray.core.dnsbl;
