package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS on a connected session: the handshake with a modern client (the JDK's, TLS 1.2/1.3), the
 * certificate chain, hostname match (RFC 6125), chain trust (RFC 5280 path validation against the
 * JDK trust store plus optional CAs), and the findings all of that implies. The version/cipher scan
 * is {@link TlsScanner}'s job.
 */
public final class TlsInspector {

  /** A certificate expiring within this many days is {@code tls.cert-expiring}. */
  public static final Duration EXPIRING = Duration.ofDays(14);

  private TlsInspector() {}

  /**
   * Layers TLS over the session's socket. On success the session continues encrypted and the report
   * says what was negotiated; on failure the session is dead and the report says why.
   */
  static TlsReport handshake(Session session, ProbeTarget target, ProbeOptions options) {
    long t0 = System.nanoTime();
    Transcript t = session.transcript();
    t.note("TLS handshake");
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
      Socket plain = session.socket();
      SSLSocket ssl =
          (SSLSocket)
              ctx.getSocketFactory().createSocket(plain, target.name(), target.port(), true);
      SSLParameters p = ssl.getSSLParameters();
      if (!target.byAddress()) {
        try {
          p.setServerNames(List.of(new SNIHostName(target.name())));
        } catch (IllegalArgumentException e) {
          // not a valid SNI name: send none
        }
      }
      p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      ssl.setSSLParameters(p);
      ssl.setSoTimeout((int) Math.max(1, session.deadline().step().toMillis()));
      ssl.startHandshake();
      session.upgrade(ssl);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      SSLSession s = ssl.getSession();
      List<X509Certificate> chain = new ArrayList<>();
      for (java.security.cert.Certificate c : s.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
      t.note(
          "TLS established: " + s.getProtocol() + " " + s.getCipherSuite() + " in " + ms + " ms");
      return evaluate(s.getProtocol(), s.getCipherSuite(), chain, target, options, ms);
    } catch (SocketTimeoutException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      t.note("TLS handshake timed out");
      return TlsReport.failed(
          "no handshake answer within " + session.deadline().step().toMillis() + " ms", true, ms);
    } catch (IOException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      boolean timeout = (session.expired() || session.deadline().expired());
      String why =
          timeout ? "the overall deadline passed during the handshake" : Session.describe(e);
      t.note("TLS handshake failed: " + why);
      return TlsReport.failed(why, timeout, ms);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK TLS unavailable", e);
    }
  }

  /**
   * The report for a negotiated session: grades, chain facts, hostname and trust. Pure apart from
   * the trust store.
   */
  static TlsReport evaluate(
      String version,
      String cipher,
      List<X509Certificate> chain,
      ProbeTarget target,
      ProbeOptions options,
      long ms) {
    List<CertificateInfo> infos = chain.stream().map(CertificateInfo::of).toList();
    // Probed by address: the IP may be in the certificate, or one of the address's PTR names.
    boolean hostOk =
        !infos.isEmpty()
            && (infos.get(0).matches(target.name(), target.byAddress())
                || (target.byAddress()
                    && target.reverseNames().stream()
                        .anyMatch(n -> infos.get(0).matches(n, false))));
    boolean selfSigned = !chain.isEmpty() && isSelfSigned(chain.get(0));
    String trustProblem = trustProblem(chain, options);
    if (trustProblem.isEmpty() && !infos.isEmpty() && !infos.get(0).forServers()) {
      trustProblem = purposeProblem(infos.get(0));
    }
    return new TlsReport(
        true,
        "",
        false,
        version,
        cipher,
        NcscGrade.ofVersion(version),
        NcscGrade.ofCipher(cipher),
        infos,
        hostOk,
        trustProblem.isEmpty(),
        trustProblem,
        selfSigned,
        ms,
        Map.of(),
        Map.of(),
        chain,
        TlsScan.skipped("no scan requested"),
        "handshake");
  }

  /** The start of {@link TlsReport#trustProblem()} when the chain is fine but not for servers. */
  static final String NOT_FOR_SERVERS = "the certificate is not for TLS servers";

  static String purposeProblem(CertificateInfo leaf) {
    List<String> what = new ArrayList<>();
    if (!leaf.extendedKeyUsage().isEmpty()) {
      what.add("extendedKeyUsage " + String.join(", ", leaf.extendedKeyUsage()));
    }
    if (!leaf.keyUsage().isEmpty()) {
      what.add("keyUsage " + String.join(", ", leaf.keyUsage()));
    }
    return NOT_FOR_SERVERS + ": " + String.join("; ", what);
  }

  static boolean isSelfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Empty if the chain validates at the probe's time (RFC 5280 §6). A leaf outside its own validity
   * is reported as expired on its own: then the rest of the chain is validated at the probe's time
   * and the leaf's signature checked against its issuer, so an expired leaf under a newer
   * intermediate is not also called untrusted.
   */
  static String trustProblem(List<X509Certificate> chain, ProbeOptions options) {
    if (chain.isEmpty()) {
      return "the server sent no certificate";
    }
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate ca : jdkAnchors()) {
        anchors.add(new TrustAnchor(ca, null));
      }
      for (X509Certificate ca : options.extraTrust()) {
        anchors.add(new TrustAnchor(ca, null));
      }
      List<X509Certificate> path = new ArrayList<>(chain);
      // A root sent along is not part of the path to validate.
      while (path.size() > 1 && isSelfSigned(path.get(path.size() - 1))) {
        path.remove(path.size() - 1);
      }
      X509Certificate leaf = path.get(0);
      Instant now = options.clock().instant();
      boolean leafInTime =
          !now.isAfter(leaf.getNotAfter().toInstant())
              && !now.isBefore(leaf.getNotBefore().toInstant());
      if (leafInTime) {
        validate(path, anchors, now);
        return "";
      }
      if (path.size() > 1) {
        validate(path.subList(1, path.size()), anchors, now);
        X509Certificate issuer = path.get(1);
        if (!leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
          return "the certificate after the leaf did not issue it";
        }
        leaf.verify(issuer.getPublicKey());
        return "";
      }
      for (TrustAnchor a : anchors) {
        X509Certificate ca = a.getTrustedCert();
        if (ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
          try {
            leaf.verify(ca.getPublicKey());
            return "";
          } catch (GeneralSecurityException e) {
            // another CA with the same name
          }
        }
      }
      return "no trusted CA issued the certificate";
    } catch (GeneralSecurityException | RuntimeException e) {
      String m = e.getMessage();
      return m == null ? e.getClass().getSimpleName() : m;
    }
  }

  private static void validate(List<X509Certificate> path, Set<TrustAnchor> anchors, Instant at)
      throws GeneralSecurityException {
    CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX").validate(cp, params);
  }

  private static volatile List<X509Certificate> jdkAnchors;

  static List<X509Certificate> jdkAnchors() throws GeneralSecurityException {
    List<X509Certificate> a = jdkAnchors;
    if (a == null) {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      List<X509Certificate> out = new ArrayList<>();
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          out.addAll(List.of(x.getAcceptedIssuers()));
        }
      }
      a = List.copyOf(out);
      jdkAnchors = a;
    }
    return a;
  }

  /** The findings a TLS report implies for {@code target}. */
  public static List<Finding> findings(TlsReport r, ProbeTarget target, ProbeOptions options) {
    List<Finding> out = new ArrayList<>();
    String subject = target.label();
    boolean client = target.service().clientFacing();
    // A chain fetched by the scan (a TLS 1.0-only server) is judged like one from the handshake.
    certificateFindings(r, target, options, out, subject, client);
    out.addAll(TlsGrading.findings(r, target));
    if (r.established() && !out.stream().anyMatch(f -> f.severity().isWorseThan(Severity.INFO))) {
      out.add(
          Finding.of(
              ProbeCodes.TLS_OK,
              subject,
              target.label()
                  + " negotiates "
                  + r.version()
                  + " with "
                  + r.cipher()
                  + " (NCSC 2025-05: version "
                  + r.versionGrade().id()
                  + ", suite "
                  + r.cipherGrade().id()
                  + ")"
                  + (r.scan().complete()
                      ? " and accepts nothing graded below sufficient"
                      : " (no version and suite scan)")
                  + "; the certificate is valid, trusted and "
                  + (r.hostnameMatch()
                      ? "names " + target.name()
                      : "was not held to a name (probed by address)")
                  + "."));
    }
    return out;
  }

  private static void certificateFindings(
      TlsReport r,
      ProbeTarget target,
      ProbeOptions options,
      List<Finding> out,
      String subject,
      boolean client) {
    if (r.chain().isEmpty()) {
      return;
    }
    CertificateInfo leaf = r.chain().get(0);
    Instant now = options.clock().instant();
    String names = leaf.dnsNames().isEmpty() ? leaf.subject() : String.join(", ", leaf.dnsNames());
    List<String> ev = new ArrayList<>();
    ev.add("subject: " + leaf.subject());
    ev.add("issuer: " + leaf.issuer());
    ev.add("names: " + names);
    ev.add("valid: " + leaf.notBefore() + " .. " + leaf.notAfter());
    if (!r.established()) {
      ev.add("certificate fetched with " + r.chainSource() + " (mxray's modern handshake failed)");
    }
    Severity clientSeverity = client ? Severity.FAIL : Severity.WARN;
    String why =
        client
            ? " Mail clients verify certificates and will refuse or warn."
            : " Senders doing opportunistic TLS still deliver, but DANE/MTA-STS senders will refuse.";
    if (now.isAfter(leaf.notAfter()) || now.isBefore(leaf.notBefore())) {
      boolean notYet = now.isBefore(leaf.notBefore());
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_EXPIRED,
              Severity.FAIL,
              subject,
              "The certificate of "
                  + target.label()
                  + (notYet
                      ? " is not valid until " + leaf.notBefore()
                      : " expired on " + leaf.notAfter())
                  + "."
                  + why,
              "Renew the certificate (e.g. certbot renew) and reload the server.",
              null,
              ev));
    } else if (Duration.between(now, leaf.notAfter()).compareTo(EXPIRING) <= 0) {
      long days = Duration.between(now, leaf.notAfter()).toDays();
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_EXPIRING,
              Severity.WARN,
              subject,
              "The certificate of "
                  + target.label()
                  + " expires in "
                  + days
                  + " day(s), on "
                  + leaf.notAfter()
                  + ".",
              "Renew it now and check that automatic renewal reloads the mail server.",
              null,
              ev));
    }
    if (!r.hostnameMatch() && target.byAddress()) {
      // Nobody connects to a mail server by bare IP; without a name there is nothing to hold the
      // certificate to.
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_HOSTNAME_MISMATCH,
              Severity.INFO,
              subject,
              "The certificate of "
                  + target.label()
                  + " is for "
                  + names
                  + "; probed by address, so whether that is"
                  + " the right name is not judged.",
              "Probe the host name clients and senders use (the MX name) to check the certificate's name.",
              null,
              ev));
    } else if (!r.hostnameMatch()) {
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_HOSTNAME_MISMATCH,
              clientSeverity,
              subject,
              "The certificate of "
                  + target.label()
                  + " is for "
                  + names
                  + ", not "
                  + target.name()
                  + "."
                  + why,
              "Get a certificate whose subjectAltName includes " + target.name() + ".",
              null,
              ev));
    }
    if (r.selfSigned() && !r.trusted()) {
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_SELF_SIGNED,
              clientSeverity,
              subject,
              target.label()
                  + " presents a self-signed certificate ("
                  + leaf.subject()
                  + ")."
                  + why,
              "Use a certificate from a public CA (e.g. Let's Encrypt), or publish a DANE TLSA record for it.",
              null,
              ev));
    } else if (!r.trusted() && r.trustProblem().startsWith(NOT_FOR_SERVERS)) {
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_WRONG_PURPOSE,
              clientSeverity,
              subject,
              "The certificate of "
                  + target.label()
                  + " chains to a trusted CA but is not for TLS servers: "
                  + r.trustProblem().substring(NOT_FOR_SERVERS.length() + 1).strip()
                  + "."
                  + why,
              "Get a certificate issued for servers (extendedKeyUsage serverAuth, keyUsage digitalSignature);"
                  + " a client certificate cannot stand in for one.",
              null,
              List.of(
                  "extendedKeyUsage: " + String.join(", ", leaf.extendedKeyUsage()),
                  "keyUsage: " + String.join(", ", leaf.keyUsage()),
                  "subject: " + leaf.subject())));
    } else if (!r.trusted()) {
      out.add(
          new Finding(
              ProbeCodes.TLS_CERT_UNTRUSTED,
              clientSeverity,
              subject,
              "The certificate chain of "
                  + target.label()
                  + " does not validate: "
                  + r.trustProblem()
                  + "."
                  + why,
              "Serve the full chain (leaf plus intermediates) from a public CA; for a private CA, probe with 'mxray probe --ca-file'.",
              null,
              ev));
    }
    List<String> weak = new ArrayList<>();
    for (int i = 0; i < r.chain().size(); i++) {
      CertificateInfo c = r.chain().get(i);
      boolean root = i > 0 && c.selfIssued();
      if (c.keyWeak()) {
        weak.add(
            (i == 0 ? "leaf" : "CA")
                + " key "
                + c.keyType()
                + " "
                + c.keyBits()
                + " bits ("
                + c.subject()
                + ")");
      }
      if (!root && c.signatureWeak()) {
        weak.add(
            (i == 0 ? "leaf" : "CA")
                + " signed with "
                + c.signatureAlgorithm()
                + " ("
                + c.subject()
                + ")");
      }
    }
    if (!weak.isEmpty()) {
      out.add(
          new Finding(
              ProbeCodes.TLS_KEY_WEAK,
              Severity.FAIL,
              subject,
              "The certificate chain of "
                  + target.label()
                  + " uses weak keys or signatures: "
                  + String.join("; ", weak)
                  + ".",
              "Issue a new certificate with an RSA key of at least 2048 bits (3072 preferred) or ECDSA P-256, signed"
                  + " with SHA-256 or better.",
              null,
              weak));
    }
  }

  /**
   * Accepts any chain: mxray inspects certificates rather than trusting them, and validates them
   * itself.
   */
  private static final class AcceptAll extends javax.net.ssl.X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // never used by a client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // never used by a client
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
      // never used by a client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // recorded and validated in evaluate()
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
      // recorded and validated in evaluate()
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // recorded and validated in evaluate()
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
