package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Severity;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.testing.Fixtures;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS and certificate findings against a scripted loopback server that really upgrades to TLS
 * (JDK server side) with certificates made in the test, so the TLS paths are covered without the
 * lab.
 */
class TlsInspectionTest {

  static final Instant NOW = Fixtures.CLOCK.instant();
  static final ProbeOptions OPTIONS =
      ProbeOptions.defaults(Fixtures.CLOCK)
          .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(8))
          .withTlsScan(false);

  record Identity(KeyPair keys, X509Certificate cert) {}

  static Identity selfSigned(String name, int bits, Instant notBefore, Instant notAfter)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    KeyPair kp = g.generateKeyPair();
    X500Name dn = new X500Name("CN=" + name);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            dn,
            BigInteger.valueOf(7),
            Date.from(notBefore),
            Date.from(notAfter),
            dn,
            kp.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
    return new Identity(kp, cert);
  }

  /** A leaf for {@code name} issued by {@code ca}. */
  static Identity issued(Identity ca, String name) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(ca.cert().getSubjectX500Principal().getName()),
            BigInteger.valueOf(8),
            Date.from(NOW.minus(Duration.ofDays(10))),
            Date.from(NOW.plus(Duration.ofDays(200))),
            new X500Name("CN=" + name),
            kp.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(ca.keys().getPrivate())));
    return new Identity(kp, cert);
  }

  static SSLContext serverContext(Identity id) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k", id.keys().getPrivate(), "pw".toCharArray(), new X509Certificate[] {id.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** SMTP with STARTTLS that really upgrades, then answers EHLO and QUIT over TLS. */
  static ScriptedServer.Script starttls(SSLContext ctx) {
    return c -> {
      c.send("220 mx.fake.example ESMTP");
      c.read();
      c.send("250-mx.fake.example");
      c.send("250 STARTTLS");
      c.read();
      c.send("220 2.0.0 Ready to start TLS");
      SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(c.socket, null, true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      ScriptedServer.Conn inner = new ScriptedServer.Conn(tls);
      String line;
      while ((line = inner.read()) != null) {
        if (line.startsWith("EHLO")) {
          inner.send("250-mx.fake.example");
          inner.send("250 AUTH PLAIN");
        } else if (line.startsWith("QUIT")) {
          inner.send("221 Bye");
          return;
        }
      }
    };
  }

  private static ProbeResult probe(Identity id, String name, ProbeOptions options)
      throws Exception {
    try (ScriptedServer s = new ScriptedServer(starttls(serverContext(id)))) {
      return new Prober(new PlainConnector(), options)
          .probe(new ProbeTarget(name, s.address(), s.port(), Service.SMTP, List.of()));
    }
  }

  static Identity valid() throws Exception {
    return selfSigned(
        "mx.fake.example", 2048, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300)));
  }

  @Test
  void passesATrustedCertificateForTheNameAndRecordsTheSession() throws Exception {
    Identity id = valid();
    ProbeResult r = probe(id, "mx.fake.example", OPTIONS.withExtraTrust(List.of(id.cert())));
    assertThat(r.codes()).containsExactlyInAnyOrder("tls.ok", "smtp.ok");
    TlsReport tls = r.tls().orElseThrow();
    assertThat(tls.version()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(tls.hostnameMatch()).isTrue();
    assertThat(tls.chain().get(0).dnsNames()).containsExactly("mx.fake.example");
    assertThat(r.facts().get("authAfterTls")).isEqualTo(List.of("PLAIN"));
    assertThat(r.transcript()).anyMatch(e -> e.line().startsWith("TLS established"));
  }

  @Test
  void namesASelfSignedCertificateWarnOnPort25() throws Exception {
    ProbeResult r = probe(valid(), "mx.fake.example", OPTIONS);
    assertThat(r.findings())
        .anyMatch(f -> f.codeId().equals("tls.cert-self-signed") && f.severity() == Severity.WARN);
    assertThat(r.codes())
        .doesNotContain("tls.cert-untrusted", "tls.cert-hostname-mismatch", "smtp.ok");
  }

  @Test
  void aChainFromAnUnknownCaIsUntrustedUntilTheCaIsGiven() throws Exception {
    Identity ca =
        selfSigned(
            "Fake Test CA", 2048, NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)));
    Identity leaf = issued(ca, "mx.fake.example");
    ProbeResult untrusted = probe(leaf, "mx.fake.example", OPTIONS);
    assertThat(untrusted.codes())
        .contains("tls.cert-untrusted")
        .doesNotContain("tls.cert-self-signed");
    assertThat(untrusted.tls().orElseThrow().trusted()).isFalse();
    ProbeResult trusted =
        probe(leaf, "mx.fake.example", OPTIONS.withExtraTrust(List.of(ca.cert())));
    assertThat(trusted.codes()).contains("tls.ok").doesNotContain("tls.cert-untrusted");
  }

  @Test
  void byAddressTheNameIsOnlyInformationalUnlessAPtrNameMatches() throws Exception {
    Identity id = valid();
    ProbeOptions trusting = OPTIONS.withExtraTrust(List.of(id.cert()));
    try (ScriptedServer s = new ScriptedServer(starttls(serverContext(id)))) {
      Prober prober = new Prober(new PlainConnector(), trusting);
      ProbeResult bare =
          prober.probe(
              new ProbeTarget("127.0.0.1", s.address(), s.port(), Service.SMTP, List.of()));
      assertThat(bare.findings())
          .anyMatch(
              f ->
                  f.codeId().equals("tls.cert-hostname-mismatch") && f.severity() == Severity.INFO);
      ProbeResult withPtr =
          prober.probe(
              new ProbeTarget(
                  "127.0.0.1", s.address(), s.port(), Service.SMTP, List.of("mx.fake.example")));
      assertThat(withPtr.codes()).doesNotContain("tls.cert-hostname-mismatch").contains("tls.ok");
    }
  }

  @Test
  void reportsAHostnameMismatch() throws Exception {
    Identity id = valid();
    ProbeResult r = probe(id, "other.fake.example", OPTIONS.withExtraTrust(List.of(id.cert())));
    assertThat(r.codes()).contains("tls.cert-hostname-mismatch").doesNotContain("tls.ok");
  }

  @Test
  void reportsExpiredAndExpiringCertificatesAgainstTheInjectedClock() throws Exception {
    Identity expired =
        selfSigned(
            "mx.fake.example",
            2048,
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(1)));
    assertThat(
            probe(expired, "mx.fake.example", OPTIONS.withExtraTrust(List.of(expired.cert())))
                .codes())
        .contains("tls.cert-expired")
        .doesNotContain("tls.cert-untrusted");
    Identity expiring =
        selfSigned(
            "mx.fake.example", 2048, NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5)));
    assertThat(
            probe(expiring, "mx.fake.example", OPTIONS.withExtraTrust(List.of(expiring.cert())))
                .codes())
        .contains("tls.cert-expiring")
        .doesNotContain("tls.cert-expired");
  }

  @Test
  void reportsAWeakKey() throws Exception {
    Identity weak =
        selfSigned(
            "mx.fake.example", 1024, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
    assertThat(probe(weak, "mx.fake.example", OPTIONS.withExtraTrust(List.of(weak.cert()))).codes())
        .contains("tls.key-weak");
  }

  @Test
  void scansVersionsWithBouncyCastleOverStarttls() throws Exception {
    Identity id = valid();
    ProbeResult r =
        probe(id, "mx.fake.example", OPTIONS.withTlsScan(true).withExtraTrust(List.of(id.cert())));
    TlsReport tls = r.tls().orElseThrow();
    r.transcript().forEach(System.out::println);
    System.out.println(tls.scan());
    r.findings()
        .forEach(f -> System.out.println(f.codeId() + " " + f.severity() + " " + f.message()));
    // The JDK server refuses TLS 1.0/1.1 by default (jdk.tls.disabledAlgorithms).
    assertThat(tls.versions())
        .containsEntry("TLSv1", "refused")
        .containsEntry("TLSv1.2", "accepted")
        .containsEntry("SSLv3", "refused");
    assertThat(r.codes()).doesNotContain("tls.protocol-obsolete");
  }
}
