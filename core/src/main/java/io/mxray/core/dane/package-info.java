/**
 * DANE for SMTP (RFC 7672, RFC 6698, operational guidance RFC 7671): TLSA records, matching against
 * the presented chain, usability for SMTP and key-rollover readiness.
 */
package io.mxray.core.dane;
