package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.probe.TlsScan.Answer;
import io.mxray.core.probe.TlsScan.Order;
import io.mxray.core.probe.TlsScan.Suite;
import io.mxray.core.probe.TlsScan.Support;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the TLS scan found into findings, graded after the NCSC-NL TLS guidelines 2025-05 as
 * Internet.nl applies them to mail ({@link NcscGrade}): insufficient is FAIL, phase-out is WARN,
 * sufficient and good need nothing. What the scan did not get to is INCONCLUSIVE, never good.
 */
final class TlsGrading {

  private TlsGrading() {}

  static Severity severity(NcscGrade g) {
    return switch (g) {
      case INSUFFICIENT -> Severity.FAIL;
      case PHASE_OUT -> Severity.WARN;
      default -> Severity.PASS;
    };
  }

  static List<Finding> findings(TlsReport r, ProbeTarget target) {
    List<Finding> out = new ArrayList<>();
    TlsScan s = r.scan();
    String subject = target.label();
    versions(r, target, out);
    if (!s.ran()) {
      return out;
    }
    suites(s, subject, out);
    keyExchange(s, subject, out);
    kexHash(s, subject, out);
    order(s, subject, out);
    if (s.compression() == Support.YES) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_COMPRESSION,
                  subject,
                  subject
                      + " agrees to TLS compression (DEFLATE) when a client offers it; compressed records leak"
                      + " secrets to CRIME-style attacks (NCSC 2025-05: insufficient).")
              .withRemediation(
                  "Disable TLS compression (OpenSSL: SSL_OP_NO_COMPRESSION, the default since 1.1.0; upgrade an"
                      + " older OpenSSL). Postfix: tls_ssl_options = NO_COMPRESSION.")
              .withEvidence("compression method 1 (DEFLATE) chosen in the ServerHello"));
    }
    if (s.secureRenegotiation() == Support.NO) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_RENEGOTIATION_INSECURE,
                  subject,
                  subject
                      + " answers without the RFC 5746 renegotiation_info extension, so renegotiation is open"
                      + " to prefix injection (NCSC 2025-05 3.4.2: insufficient).")
              .withRemediation(
                  "Upgrade the TLS library (every OpenSSL since 0.9.8m supports RFC 5746) or disable renegotiation.")
              .withEvidence("no renegotiation_info in the ServerHello (TLS 1.2 and older)"));
    }
    if (s.extendedMasterSecret() == Support.NO) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_EMS_MISSING,
                  subject,
                  subject
                      + " does not negotiate the extended master secret (RFC 7627) for TLS 1.2 and older,"
                      + " leaving those sessions open to the triple-handshake attack (NCSC 2025-05: a"
                      + " precondition; graded phase-out).")
              .withRemediation(
                  "Upgrade the TLS library (OpenSSL 1.1.0 and later negotiate it automatically), or offer only TLS 1.3.")
              .withEvidence("no extended_master_secret in the ServerHello"));
    }
    if (s.zeroRtt() == Support.YES) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_ZERO_RTT,
                  subject,
                  subject
                      + " issues TLS 1.3 session tickets that allow 0-RTT early data; early data can be"
                      + " replayed by an attacker.")
              .withRemediation(
                  "Disable early data (OpenSSL: SSL_CTX_set_max_early_data(ctx, 0); it is off unless the server"
                      + " enables it).")
              .withEvidence("NewSessionTicket with an early_data extension"));
    }
    if (s.status() == TlsScan.Status.INCOMPLETE) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_SCAN_INCOMPLETE,
                  subject,
                  "The TLS scan of "
                      + subject
                      + " stopped after "
                      + s.connections()
                      + " connection(s): "
                      + s.stopReason()
                      + ". Not tested, so unknown (not good): "
                      + String.join(", ", s.untested().stream().distinct().limit(12).toList())
                      + (s.untested().stream().distinct().count() > 12 ? ", …" : "")
                      + ".")
              .withRemediation(
                  "Run the probe again later, from an address the server does not rate-limit, or raise its"
                      + " connection limits for the scanner (Postfix: smtpd_client_event_limit_exceptions).")
              .withEvidence(s.untested().stream().distinct().toList()));
    }
    return out;
  }

  private static void versions(TlsReport r, ProbeTarget target, List<Finding> out) {
    List<String> accepted = r.acceptedVersions();
    List<String> bad = accepted.stream().filter(v -> !NcscGrade.ofVersion(v).acceptable()).toList();
    if (bad.isEmpty()) {
      return;
    }
    out.add(
        new Finding(
            ProbeCodes.TLS_PROTOCOL_OBSOLETE,
            Severity.FAIL,
            target.label(),
            target.label()
                + " accepts "
                + String.join(", ", bad)
                + " (NCSC 2025-05: insufficient; RFC 8996 deprecates TLS 1.0 and 1.1).",
            "Allow only TLS 1.2 and 1.3. Postfix: smtpd_tls_protocols = >=TLSv1.2 and"
                + " smtpd_tls_mandatory_protocols = >=TLSv1.2; Dovecot: ssl_min_protocol = TLSv1.2.",
            null,
            List.of("accepted: " + String.join(", ", accepted))));
  }

  private static void suites(TlsScan s, String subject, List<Finding> out) {
    NcscGrade worst = NcscGrade.GOOD;
    List<String> ev = new ArrayList<>();
    for (Map.Entry<String, List<Suite>> e : s.suites().entrySet()) {
      for (Suite suite : e.getValue()) {
        if (!suite.grade().acceptable()) {
          ev.add(e.getKey() + " " + suite.name() + " (" + suite.grade().id() + ")");
          if (suite.grade().isWorseThan(worst)) {
            worst = suite.grade();
          }
        }
      }
    }
    if (ev.isEmpty()) {
      return;
    }
    out.add(
        new Finding(
            ProbeCodes.TLS_CIPHER_WEAK,
            severity(worst),
            subject,
            subject
                + " accepts "
                + ev.size()
                + " cipher suite(s) the NCSC grades below sufficient, the worst "
                + worst.id()
                + ": "
                + String.join(", ", ev.stream().limit(6).toList())
                + (ev.size() > 6 ? ", …" : "")
                + ".",
            "Offer only forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20) and TLS 1.3. Postfix:"
                + " tls_medium_cipherlist = ECDHE+AESGCM:ECDHE+CHACHA20 (or smtpd_tls_exclude_ciphers ="
                + " aNULL, eNULL, kRSA, kDHE, SHA1, SHA256, SHA384, 3DES, RC4, MD5); Dovecot:"
                + " ssl_cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20.",
            null,
            ev));
  }

  private static void keyExchange(TlsScan s, String subject, List<Finding> out) {
    Map<String, NcscGrade> groups = new LinkedHashMap<>();
    List<String> ev = new ArrayList<>();
    for (Map.Entry<String, List<Suite>> e : s.suites().entrySet()) {
      for (Suite suite : e.getValue()) {
        suite
            .kex()
            .grade()
            .filter(g -> !g.acceptable())
            .ifPresent(
                g -> {
                  String label =
                      suite.kex().label()
                          + (suite.kex().finiteField() && !suite.kex().group().equals("custom")
                              ? " (" + suite.kex().bits() + " bits)"
                              : "");
                  groups.merge(label, g, (a, b) -> a.isWorseThan(b) ? a : b);
                  ev.add(e.getKey() + " " + suite.name() + ": " + label + " " + g.id());
                });
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    NcscGrade worst =
        groups.values().stream().reduce((a, b) -> a.isWorseThan(b) ? a : b).orElseThrow();
    out.add(
        new Finding(
            ProbeCodes.TLS_KEX_WEAK,
            severity(worst),
            subject,
            subject
                + " negotiates key exchanges the NCSC grades below sufficient: "
                + String.join(
                    ", ",
                    groups.entrySet().stream()
                        .map(g -> g.getKey() + " " + g.getValue().id())
                        .toList())
                + ". A 1024-bit or custom Diffie-Hellman group can be broken or back-doored; the RFC 7919"
                + " groups from 3072 bits are phase-out, elliptic curves (X25519, P-256) are good.",
            "Prefer ECDHE and drop DHE (Postfix: smtpd_tls_exclude_ciphers = kDHE; Dovecot: leave DHE out of"
                + " ssl_cipher_list); if DHE must stay, use an RFC 7919 group of at least 3072 bits (Postfix:"
                + " smtpd_tls_dh1024_param_file = /etc/postfix/ffdhe3072.pem).",
            null,
            ev));
  }

  private static void kexHash(TlsScan s, String subject, List<Finding> out) {
    for (String h : List.of("sha1", "sha224")) {
      if (s.kexHashes().get(h) == Answer.ACCEPTED) {
        NcscGrade g = NcscGrade.ofHash(h);
        out.add(
            new Finding(
                ProbeCodes.TLS_KEX_HASH_WEAK,
                severity(g),
                subject,
                subject
                    + " signs its TLS 1.2 key exchange with "
                    + h.toUpperCase(java.util.Locale.ROOT)
                    + " when the client asks for it (NCSC 2025-05 3.3.5: "
                    + g.id()
                    + ").",
                "Remove SHA-1 and SHA-224 from the server's signature algorithms (OpenSSL 3 refuses SHA-1 at"
                    + " security level 1 and above: drop @SECLEVEL=0 from the cipher list).",
                null,
                List.of("signature_algorithms offered: " + h + " only; handshake completed")));
        return;
      }
    }
  }

  private static void order(TlsScan s, String subject, List<Finding> out) {
    List<String> ev = new ArrayList<>();
    for (Map.Entry<String, Order> e : s.serverOrder().entrySet()) {
      List<Suite> list = s.suites().getOrDefault(e.getKey(), List.of());
      NcscGrade best =
          list.stream().map(Suite::grade).reduce((a, b) -> a.isWorseThan(b) ? b : a).orElse(null);
      NcscGrade worst =
          list.stream().map(Suite::grade).reduce((a, b) -> a.isWorseThan(b) ? a : b).orElse(null);
      if (best == null || worst.acceptable() || best == worst) {
        continue; // order only matters when it decides between grades that matter
      }
      if (e.getValue() == Order.CLIENT) {
        ev.add(
            e.getKey()
                + ": the client's order decides, and "
                + worst.id()
                + " suites are accepted beside "
                + best.id()
                + " ones");
      } else if (e.getValue() == Order.SERVER && list.get(0).grade().isWorseThan(best)) {
        ev.add(
            e.getKey()
                + ": the server prefers "
                + list.get(0).name()
                + " ("
                + list.get(0).grade().id()
                + ") over "
                + best.id()
                + " suites");
      }
    }
    if (!ev.isEmpty()) {
      out.add(
          Finding.of(
                  ProbeCodes.TLS_CIPHER_ORDER,
                  subject,
                  subject
                      + " does not make sure the best suite wins: "
                      + String.join("; ", ev)
                      + ".")
              .withRemediation(
                  "Enforce the server's order, best first (Postfix: tls_preempt_cipherlist = yes; Dovecot:"
                      + " ssl_prefer_server_ciphers = yes), or stop accepting the weaker suites.")
              .withEvidence(ev));
    }
  }
}
