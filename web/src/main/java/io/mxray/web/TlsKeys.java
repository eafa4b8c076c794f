package io.mxray.web;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The receiver's TLS identity for STARTTLS: a PEM certificate chain and key (Bouncy Castle's PEM
 * reader), or, when none is configured, a self-signed certificate made at start (senders deliver
 * over opportunistic TLS without checking it, RFC 3207 §4.1; MTA-STS or DANE senders need a real
 * one).
 */
public final class TlsKeys {

  private TlsKeys() {}

  public static SSLContext fromPem(Path chain, Path key) {
    try {
      List<X509Certificate> certs = new ArrayList<>();
      try (Reader r = Files.newBufferedReader(chain, StandardCharsets.US_ASCII);
          PEMParser p = new PEMParser(r)) {
        Object o;
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        while ((o = p.readObject()) != null) {
          if (o instanceof X509CertificateHolder h) {
            certs.add(conv.getCertificate(h));
          }
        }
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(chain + " holds no PEM certificate");
      }
      PrivateKey pk;
      try (Reader r = Files.newBufferedReader(key, StandardCharsets.US_ASCII);
          PEMParser p = new PEMParser(r)) {
        Object o = p.readObject();
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair kp) {
          pk = conv.getKeyPair(kp).getPrivate();
        } else if (o instanceof PrivateKeyInfo info) {
          pk = conv.getPrivateKey(info);
        } else {
          throw new IllegalArgumentException(key + " holds no unencrypted PEM private key");
        }
      }
      return context(pk, certs.toArray(new Certificate[0]));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load the TLS key and certificate: " + e.getMessage(), e);
    }
  }

  /** A fresh self-signed RSA-2048 certificate for {@code host}, valid for a year. */
  public static SSLContext selfSigned(String host) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name("CN=" + host.replaceAll("[,=+<>#;\"\\\\]", ""));
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              name,
              kp.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
      return context(kp.getPrivate(), new Certificate[] {cert});
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a self-signed certificate", e);
    }
  }

  private static SSLContext context(PrivateKey key, Certificate[] chain)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "mxray".toCharArray();
    ks.setKeyEntry("receiver", key, pw, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
    return ctx;
  }
}
