/**
 * Live server probes: SMTP on 25/587/465 (RFC 5321, RFC 3207 STARTTLS, RFC 8314 implicit TLS), POP3
 * on 110/995 (RFC 1939, RFC 2449, RFC 2595 STLS), IMAP on 143/993 (RFC 9051), TLS inspection (RFC
 * 8446, RFC 5280 path validation, RFC 6125 names, RFC 8996 and the NCSC-NL TLS guidelines for
 * grading), the opt-in open relay test and Outbound Port 25 Blocking (RFC 5068). All sockets go
 * through {@link io.mxray.core.net.Connector}; every read is capped and every wait has a deadline.
 */
package io.mxray.core.probe;
