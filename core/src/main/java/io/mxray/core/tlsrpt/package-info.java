/** SMTP TLS Reporting (RFC 8460): the {@code _smtp._tls.<domain>} TXT record (§3). */
package io.mxray.core.tlsrpt;
