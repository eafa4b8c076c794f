package io.mxray.core.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates throw-away CA and leaf certificates for tests (Bouncy Castle). */
public final class TestCertificates {

  /** A certificate with its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestCertificates() {}

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Issued ca(String name) {
    KeyPair keys = rsa(2048);
    return new Issued(
        build(
            "CN=" + name,
            keys,
            "CN=" + name,
            keys,
            null,
            true,
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(365))),
        keys);
  }

  public static Issued leaf(Issued issuer, String hostName, Instant notBefore, Instant notAfter) {
    KeyPair keys = rsa(2048);
    return new Issued(
        build(
            "CN=" + hostName,
            keys,
            issuer.certificate().getSubjectX500Principal().getName(),
            issuer.keys(),
            hostName,
            false,
            notBefore,
            notAfter),
        keys);
  }

  public static Issued leaf(Issued issuer, String hostName) {
    return leaf(
        issuer,
        hostName,
        Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(90)));
  }

  private static X509Certificate build(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      String dnsName,
      boolean ca,
      Instant notBefore,
      Instant notAfter) {
    try {
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              BigInteger.valueOf(System.nanoTime()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name(subject),
              subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (dnsName != null) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
