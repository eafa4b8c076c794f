package io.mxray.core.probe;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the server probes (SMTP, POP3, IMAP), their TLS, and the network path to them. */
public enum ProbeCodes implements FindingCode {
  SMTP_OK(
      "smtp.ok",
      Severity.PASS,
      RfcRef.rfc(5321, "4.3.1"),
      "The SMTP server answered with a proper greeting and EHLO, and TLS works where offered."),
  SMTP_UNREACHABLE(
      "smtp.unreachable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5321, "4.5.3.2"),
      "Could not connect to the SMTP port (refused, no route, timeout); the server's state is unknown."),
  SMTP_TIMEOUT(
      "smtp.timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5321, "4.5.3.2"),
      "The SMTP server connected but did not answer a step within the timeout; the rest is unknown."),
  SMTP_PROTOCOL_ERROR(
      "smtp.protocol-error",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5321, "4.2"),
      "The server sent something that is not SMTP (binary data, oversized lines, bad reply syntax)."),
  SMTP_UNAVAILABLE(
      "smtp.unavailable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5321, "3.1"),
      "The server refused the session at greeting or EHLO (421/554); it may be busy or blocking mxray."),
  SMTP_BANNER_SLOW(
      "smtp.banner-slow",
      Severity.WARN,
      RfcRef.rfc(5321, "4.5.3.2.1"),
      "The greeting came late; impatient senders give up and mail is delayed (unless it is a deliberate pregreet test)."),
  SMTP_BANNER_MISMATCH(
      "smtp.banner-mismatch",
      Severity.WARN,
      RfcRef.rfc(5321, "4.3.1"),
      "The host name in the greeting is neither the MX name nor the address's PTR name."),
  SMTP_STARTTLS_MISSING(
      "smtp.starttls-missing",
      Severity.WARN,
      RfcRef.rfc(3207, "4"),
      "The server does not offer STARTTLS: mail to it travels unencrypted (FAIL on the submission port)."),
  SMTP_STARTTLS_FAILED(
      "smtp.starttls-failed",
      Severity.FAIL,
      RfcRef.rfc(3207, "4"),
      "STARTTLS is offered but the upgrade fails; senders either defer or fall back to plaintext."),
  SMTP_AUTH_PLAINTEXT(
      "smtp.auth-plaintext",
      Severity.FAIL,
      RfcRef.rfc(8314, "3.3"),
      "AUTH with PLAIN or LOGIN is offered before TLS: passwords can cross the network in clear."),
  SMTP_OPEN_RELAY(
      "smtp.open-relay",
      Severity.FAIL,
      RfcRef.rfc(5321, "7.1"),
      "The server accepts mail from one foreign domain to another without authentication (open relay)."),
  POP3_OK(
      "pop3.ok",
      Severity.PASS,
      RfcRef.rfc(1939, "4"),
      "The POP3 server answered properly and TLS works."),
  POP3_UNREACHABLE(
      "pop3.unreachable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1939, "3"),
      "Could not connect to the POP3 port; the server's state is unknown."),
  POP3_TIMEOUT(
      "pop3.timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1939, "3"),
      "The POP3 server did not answer a step within the timeout; the rest is unknown."),
  POP3_PROTOCOL_ERROR(
      "pop3.protocol-error",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1939, "3"),
      "The server sent something that is not POP3 (binary data, oversized lines, no +OK/-ERR)."),
  POP3_UNAVAILABLE(
      "pop3.unavailable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1939, "4"),
      "The POP3 server greeted with -ERR; it refuses sessions for now."),
  POP3_PLAINTEXT_AUTH(
      "pop3.plaintext-auth",
      Severity.FAIL,
      RfcRef.rfc(8314, "3.2"),
      "USER/PASS or SASL PLAIN/LOGIN is allowed before TLS: passwords can cross the network in clear."),
  POP3_APOP(
      "pop3.apop",
      Severity.WARN,
      RfcRef.rfc(6331, "1"),
      "The greeting carries an APOP timestamp: APOP rests on MD5 and needs clear-text passwords on the server."),
  POP3_STLS_MISSING(
      "pop3.stls-missing",
      Severity.WARN,
      RfcRef.rfc(2595, "4"),
      "The POP3 server does not offer STLS; sessions on this port cannot be encrypted."),
  IMAP_OK(
      "imap.ok",
      Severity.PASS,
      RfcRef.rfc(9051, "7.1"),
      "The IMAP server answered properly and TLS works."),
  IMAP_UNREACHABLE(
      "imap.unreachable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(9051, "2.1"),
      "Could not connect to the IMAP port; the server's state is unknown."),
  IMAP_TIMEOUT(
      "imap.timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(9051, "2.1"),
      "The IMAP server did not answer a step within the timeout; the rest is unknown."),
  IMAP_PROTOCOL_ERROR(
      "imap.protocol-error",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(9051, "2.2"),
      "The server sent something that is not IMAP (binary data, oversized lines, bad greeting)."),
  IMAP_UNAVAILABLE(
      "imap.unavailable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(9051, "7.1.5"),
      "The IMAP server greeted with BYE; it refuses sessions for now."),
  IMAP_PLAINTEXT_AUTH(
      "imap.plaintext-auth",
      Severity.FAIL,
      RfcRef.rfc(9051, "6.2.3"),
      "LOGIN or AUTH=PLAIN is allowed before TLS (no LOGINDISABLED): passwords can cross the network in clear."),
  IMAP_STARTTLS_MISSING(
      "imap.starttls-missing",
      Severity.WARN,
      RfcRef.rfc(9051, "6.2.1"),
      "The IMAP server does not offer STARTTLS; sessions on this port cannot be encrypted."),
  TLS_OK(
      "tls.ok",
      Severity.PASS,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.3"),
      "TLS works with a valid, trusted certificate for the name, and the scan found nothing graded below sufficient."),
  TLS_HANDSHAKE_FAILED(
      "tls.handshake-failed",
      Severity.FAIL,
      RfcRef.rfc(8446, "6"),
      "The TLS handshake failed (alert, garbage or timeout), so the connection cannot be secured."),
  TLS_CERT_EXPIRED(
      "tls.cert-expired",
      Severity.FAIL,
      RfcRef.rfc(5280, "4.1.2.5"),
      "The server certificate has expired (or is not yet valid)."),
  TLS_CERT_EXPIRING(
      "tls.cert-expiring",
      Severity.WARN,
      RfcRef.rfc(5280, "4.1.2.5"),
      "The server certificate expires within 14 days."),
  TLS_CERT_HOSTNAME_MISMATCH(
      "tls.cert-hostname-mismatch",
      Severity.WARN,
      RfcRef.rfc(6125, "6.4"),
      "The certificate does not name the host probed (FAIL where mail clients connect; WARN on port 25)."),
  TLS_CERT_UNTRUSTED(
      "tls.cert-untrusted",
      Severity.WARN,
      RfcRef.rfc(5280, "6"),
      "The certificate chain does not lead to a trusted CA (FAIL where mail clients connect; WARN on port 25)."),
  TLS_CERT_SELF_SIGNED(
      "tls.cert-self-signed",
      Severity.WARN,
      RfcRef.rfc(5280, "6"),
      "The server presents a self-signed certificate (FAIL where mail clients connect; WARN on port 25)."),
  TLS_KEY_WEAK(
      "tls.key-weak",
      Severity.FAIL,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.3.2.1"),
      "The certificate key is too small (RSA/DSA below 2048 bits, EC below 224 bits) or signed with SHA-1/MD5."),
  TLS_CERT_WRONG_PURPOSE(
      "tls.cert-wrong-purpose",
      Severity.WARN,
      RfcRef.rfc(5280, "4.2.1.12"),
      "The certificate is not for TLS servers (extendedKeyUsage without serverAuth, or keyUsage without a TLS key"
          + " use): verifying senders and clients reject it (FAIL where mail clients connect; WARN on port 25)."),
  TLS_PROTOCOL_OBSOLETE(
      "tls.protocol-obsolete",
      Severity.FAIL,
      RfcRef.rfc(8996, "1"),
      "The server accepts TLS 1.1, TLS 1.0 or SSL 3.0, all graded insufficient by the NCSC 2025-05 guidelines."),
  TLS_CIPHER_WEAK(
      "tls.cipher-weak",
      Severity.WARN,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "B"),
      "The server accepts cipher suites graded phase-out (WARN: DHE, ECDHE with CBC) or insufficient (FAIL: static RSA,"
          + " CBC with SHA-1, 3DES, NULL, RC4, DES, export, anonymous)."),
  TLS_KEX_WEAK(
      "tls.kex-weak",
      Severity.WARN,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.3.3.1"),
      "An accepted suite negotiates a key-exchange group graded phase-out (WARN: ffdhe3072-8192, secp224r1) or"
          + " insufficient (FAIL: ffdhe2048, any other DH group such as 1024-bit DH, other curves)."),
  TLS_KEX_HASH_WEAK(
      "tls.kex-hash-weak",
      Severity.WARN,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.3.5"),
      "Asked to, the server signs its key exchange with SHA-224 (phase-out, WARN) or SHA-1 (insufficient, FAIL)."),
  TLS_COMPRESSION(
      "tls.compression",
      Severity.FAIL,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.4.1"),
      "The server agrees to TLS compression (RFC 3749 DEFLATE), which exposes secrets to CRIME-style attacks."),
  TLS_RENEGOTIATION_INSECURE(
      "tls.renegotiation-insecure",
      Severity.FAIL,
      RfcRef.rfc(5746, "3.6"),
      "The server does not support secure renegotiation (RFC 5746 renegotiation_info): insufficient under NCSC 3.4.2."),
  TLS_EMS_MISSING(
      "tls.ems-missing",
      Severity.WARN,
      RfcRef.rfc(7627, "5.1"),
      "The server does not negotiate the extended master secret (RFC 7627) for TLS 1.2 and older (triple handshake)."),
  TLS_ZERO_RTT(
      "tls.zero-rtt",
      Severity.FAIL,
      RfcRef.rfc(8446, "8"),
      "The server's TLS 1.3 session tickets allow 0-RTT early data, which an attacker can replay."),
  TLS_CIPHER_ORDER(
      "tls.cipher-order",
      Severity.WARN,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "B"),
      "The server lets the client's order decide, or itself prefers, a weaker suite than it also accepts."),
  TLS_SCAN_INCOMPLETE(
      "tls.scan-incomplete",
      Severity.INCONCLUSIVE,
      RfcRef.doc("NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05", "3.3"),
      "The TLS scan stopped early (the server refused further connections, e.g. 421, or stopped answering):"
          + " what it did not test is unknown, not good."),
  NET_PORT25_BLOCKED(
      "net.port25-blocked",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(5068, "3.1"),
      "mxray's own network blocks outbound port 25 (OP25B): every MX timed out on 25 while a submission port answered.");

  private final CodeInfo info;

  ProbeCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
