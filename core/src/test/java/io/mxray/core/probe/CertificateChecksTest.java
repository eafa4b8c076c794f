package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.finding.Severity;
import io.mxray.core.testing.Fixtures;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Certificate facts a server is judged by, on chains made in the test: purpose (extendedKeyUsage,
 * keyUsage), validation at the probe's time (injected clock), embedded SCTs.
 */
class CertificateChecksTest {

  static final Instant NOW = Fixtures.CLOCK.instant();
  static final ProbeOptions OPTIONS = ProbeOptions.defaults(Fixtures.CLOCK);

  record Made(KeyPair keys, X509Certificate cert) {}

  static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  /** A certificate for {@code subject} with {@code key}, signed by {@code signer}. */
  static X509Certificate make(
      String subject,
      KeyPair key,
      String issuer,
      PrivateKey signer,
      Instant from,
      Instant to,
      boolean ca,
      KeyPurposeId[] purposes,
      byte[] scts)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(from),
            Date.from(to),
            new X500Name(subject),
            key.getPublic());
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "mx.fake.example")));
      if (purposes != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      }
      if (scts != null) {
        b.addExtension(
            new org.bouncycastle.asn1.ASN1ObjectIdentifier(CertificateInfo.SCT_OID),
            false,
            new DEROctetString(scts));
      }
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
  }

  static ProbeTarget target(Service service) throws Exception {
    return new ProbeTarget(
        "mx.fake.example", InetAddress.getByName("127.0.0.1"), 25, service, List.of());
  }

  @Test
  void aClientAuthOnlyCertificateIsNotTrustedForAServerThoughItsChainValidates() throws Exception {
    KeyPair caKeys = keys();
    X509Certificate ca =
        make(
            "CN=Fake CA",
            caKeys,
            "CN=Fake CA",
            caKeys.getPrivate(),
            NOW.minus(Duration.ofDays(100)),
            NOW.plus(Duration.ofDays(1000)),
            true,
            null,
            null);
    KeyPair leafKeys = keys();
    X509Certificate leaf =
        make(
            "CN=mx.fake.example",
            leafKeys,
            "CN=Fake CA",
            caKeys.getPrivate(),
            NOW.minus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(80)),
            false,
            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth},
            null);
    ProbeOptions trusting = OPTIONS.withExtraTrust(List.of(ca));
    TlsReport r =
        TlsInspector.evaluate(
            "TLSv1.3",
            "TLS_AES_256_GCM_SHA384",
            List.of(leaf, ca),
            target(Service.SMTP),
            trusting,
            1);
    // Fails on the code before issue 18, which called this chain trusted (PKIX alone does not
    // look at the leaf's purpose).
    assertThat(r.trusted()).isFalse();
    assertThat(r.chain().get(0).extendedKeyUsage()).containsExactly("clientAuth");
    var smtp = TlsInspector.findings(r, target(Service.SMTP), trusting);
    assertThat(smtp)
        .anyMatch(
            f -> f.codeId().equals("tls.cert-wrong-purpose") && f.severity() == Severity.WARN);
    assertThat(smtp).noneMatch(f -> f.codeId().equals("tls.cert-untrusted"));
    assertThat(smtp).noneMatch(f -> f.codeId().equals("tls.ok"));
    var submission = TlsInspector.findings(r, target(Service.SUBMISSION), trusting);
    assertThat(submission)
        .anyMatch(
            f -> f.codeId().equals("tls.cert-wrong-purpose") && f.severity() == Severity.FAIL);
    // serverAuth (or no extendedKeyUsage at all) is fine.
    X509Certificate server =
        make(
            "CN=mx.fake.example",
            leafKeys,
            "CN=Fake CA",
            caKeys.getPrivate(),
            NOW.minus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(80)),
            false,
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
            null);
    assertThat(
            TlsInspector.evaluate(
                    "TLSv1.3", "x", List.of(server), target(Service.SMTP), trusting, 1)
                .trusted())
        .isTrue();
  }

  @Test
  void anExpiredLeafUnderANewerIntermediateIsExpiredNotAlsoUntrusted() throws Exception {
    KeyPair rootKeys = keys();
    X509Certificate root =
        make(
            "CN=Fake Root",
            rootKeys,
            "CN=Fake Root",
            rootKeys.getPrivate(),
            NOW.minus(Duration.ofDays(4000)),
            NOW.plus(Duration.ofDays(4000)),
            true,
            null,
            null);
    // The intermediate was re-issued (same name and key) after the leaf had already expired.
    KeyPair interKeys = keys();
    X509Certificate intermediate =
        make(
            "CN=Fake Intermediate",
            interKeys,
            "CN=Fake Root",
            rootKeys.getPrivate(),
            NOW.minus(Duration.ofDays(30)),
            NOW.plus(Duration.ofDays(1000)),
            true,
            null,
            null);
    X509Certificate leaf =
        make(
            "CN=mx.fake.example",
            keys(),
            "CN=Fake Intermediate",
            interKeys.getPrivate(),
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(40)),
            false,
            null,
            null);
    ProbeOptions trusting = OPTIONS.withExtraTrust(List.of(root));
    // Fails on the code before issue 18: it validated at the leaf's start, when this intermediate
    // did not exist yet, and added a spurious "untrusted" with advice to serve the full chain.
    assertThat(TlsInspector.trustProblem(List.of(leaf, intermediate), trusting)).isEmpty();
    TlsReport r =
        TlsInspector.evaluate(
            "TLSv1.3", "x", List.of(leaf, intermediate), target(Service.SMTP), trusting, 1);
    var codes =
        TlsInspector.findings(r, target(Service.SMTP), trusting).stream()
            .map(f -> f.codeId())
            .toList();
    assertThat(codes).contains("tls.cert-expired").doesNotContain("tls.cert-untrusted");
    // A leaf not signed by the intermediate that follows it stays untrusted.
    X509Certificate stranger =
        make(
            "CN=mx.fake.example",
            keys(),
            "CN=Fake Intermediate",
            keys().getPrivate(),
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(40)),
            false,
            null,
            null);
    assertThat(TlsInspector.trustProblem(List.of(stranger, intermediate), trusting)).isNotEmpty();
  }

  @Test
  void anExpiredIntermediateAtTheProbesTimeIsUntrusted() throws Exception {
    KeyPair rootKeys = keys();
    X509Certificate root =
        make(
            "CN=Fake Root",
            rootKeys,
            "CN=Fake Root",
            rootKeys.getPrivate(),
            NOW.minus(Duration.ofDays(4000)),
            NOW.plus(Duration.ofDays(4000)),
            true,
            null,
            null);
    KeyPair interKeys = keys();
    X509Certificate oldIntermediate =
        make(
            "CN=Fake Intermediate",
            interKeys,
            "CN=Fake Root",
            rootKeys.getPrivate(),
            NOW.minus(Duration.ofDays(1000)),
            NOW.minus(Duration.ofDays(1)),
            true,
            null,
            null);
    X509Certificate leaf =
        make(
            "CN=mx.fake.example",
            keys(),
            "CN=Fake Intermediate",
            interKeys.getPrivate(),
            NOW.minus(Duration.ofDays(30)),
            NOW.plus(Duration.ofDays(60)),
            false,
            null,
            null);
    assertThat(
            TlsInspector.trustProblem(
                List.of(leaf, oldIntermediate), OPTIONS.withExtraTrust(List.of(root))))
        .isNotEmpty();
  }

  @Test
  void countsEmbeddedSignedCertificateTimestamps() throws Exception {
    KeyPair k = keys();
    // An RFC 6962 SignedCertificateTimestampList with two (opaque) entries of 3 and 2 bytes.
    byte[] list = {0, 9, 0, 3, 1, 2, 3, 0, 2, 4, 5};
    X509Certificate c =
        make(
            "CN=mx.fake.example",
            k,
            "CN=mx.fake.example",
            k.getPrivate(),
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(1)),
            false,
            null,
            list);
    assertThat(CertificateInfo.of(c).embeddedScts()).isEqualTo(2);
    assertThat(ScanAttempt.sctCount(new byte[] {0, 5, 0, 9, 1})).as("truncated").isZero();
    assertThat(
            CertificateInfo.of(
                    make(
                        "CN=a",
                        k,
                        "CN=a",
                        k.getPrivate(),
                        NOW,
                        NOW.plusSeconds(9),
                        false,
                        null,
                        null))
                .embeddedScts())
        .isZero();
  }
}
