package io.mxray.core.probe;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one certificate of a chain says, as plain data (RFC 5280 §4.1).
 *
 * @param subject subject DN
 * @param issuer issuer DN
 * @param dnsNames subjectAltName dNSName entries
 * @param ipAddresses subjectAltName iPAddress entries
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyType RSA, EC, Ed25519, DSA ...
 * @param keyBits key size in bits
 * @param signatureAlgorithm e.g. SHA256withRSA
 * @param serial serial number in hex
 * @param selfIssued subject equals issuer
 * @param extendedKeyUsage the extendedKeyUsage purposes (RFC 5280 §4.2.1.12) by name (serverAuth,
 *     clientAuth, …; other OIDs as dotted numbers); empty when the extension is absent
 * @param keyUsage the keyUsage bits set (RFC 5280 §4.2.1.3) by name; empty when absent
 * @param embeddedScts signed certificate timestamps embedded in the certificate (RFC 6962 §3.3)
 */
public record CertificateInfo(
    String subject,
    String issuer,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter,
    String keyType,
    int keyBits,
    String signatureAlgorithm,
    String serial,
    boolean selfIssued,
    List<String> extendedKeyUsage,
    List<String> keyUsage,
    int embeddedScts) {

  /** RFC 5280 §4.2.1.12 purposes by OID. */
  static final Map<String, String> PURPOSES =
      Map.of(
          "1.3.6.1.5.5.7.3.1", "serverAuth",
          "1.3.6.1.5.5.7.3.2", "clientAuth",
          "1.3.6.1.5.5.7.3.3", "codeSigning",
          "1.3.6.1.5.5.7.3.4", "emailProtection",
          "1.3.6.1.5.5.7.3.8", "timeStamping",
          "1.3.6.1.5.5.7.3.9", "OCSPSigning",
          "2.5.29.37.0", "anyExtendedKeyUsage");

  /** RFC 5280 §4.2.1.3 bit names, in bit order. */
  static final List<String> KEY_USAGE =
      List.of(
          "digitalSignature",
          "nonRepudiation",
          "keyEncipherment",
          "dataEncipherment",
          "keyAgreement",
          "keyCertSign",
          "cRLSign",
          "encipherOnly",
          "decipherOnly");

  /** The RFC 6962 §3.3 embedded SCT list extension. */
  static final String SCT_OID = "1.3.6.1.4.1.11129.2.4.2";

  public CertificateInfo {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    extendedKeyUsage = List.copyOf(extendedKeyUsage);
    keyUsage = List.copyOf(keyUsage);
  }

  /** A certificate made before these facts were read (tests, older callers). */
  public CertificateInfo(
      String subject,
      String issuer,
      List<String> dnsNames,
      List<String> ipAddresses,
      Instant notBefore,
      Instant notAfter,
      String keyType,
      int keyBits,
      String signatureAlgorithm,
      String serial,
      boolean selfIssued) {
    this(
        subject,
        issuer,
        dnsNames,
        ipAddresses,
        notBefore,
        notAfter,
        keyType,
        keyBits,
        signatureAlgorithm,
        serial,
        selfIssued,
        List.of(),
        List.of(),
        0);
  }

  /**
   * The certificate may authenticate a TLS server: no extendedKeyUsage, or one listing serverAuth
   * or anyExtendedKeyUsage (RFC 5280 §4.2.1.12); and no keyUsage, or one allowing a TLS key
   * exchange (digitalSignature, keyEncipherment or keyAgreement, RFC 5246 §7.4.2).
   */
  public boolean forServers() {
    boolean eku =
        extendedKeyUsage.isEmpty()
            || extendedKeyUsage.contains("serverAuth")
            || extendedKeyUsage.contains("anyExtendedKeyUsage");
    boolean ku =
        keyUsage.isEmpty()
            || keyUsage.contains("digitalSignature")
            || keyUsage.contains("keyEncipherment")
            || keyUsage.contains("keyAgreement");
    return eku && ku;
  }

  public static CertificateInfo of(X509Certificate c) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2) {
            dns.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
          } else if (type == 7) {
            ips.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // An unparsable SAN extension leaves the lists empty; hostname matching then fails visibly.
    }
    PublicKey key = c.getPublicKey();
    return new CertificateInfo(
        c.getSubjectX500Principal().getName(),
        c.getIssuerX500Principal().getName(),
        dns,
        ips,
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant(),
        keyType(key),
        keyBits(key),
        c.getSigAlgName(),
        c.getSerialNumber().toString(16),
        c.getSubjectX500Principal().equals(c.getIssuerX500Principal()),
        purposes(c),
        keyUsage(c),
        embeddedScts(c));
  }

  static List<String> purposes(X509Certificate c) {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      return eku == null ? List.of() : eku.stream().map(o -> PURPOSES.getOrDefault(o, o)).toList();
    } catch (CertificateParsingException e) {
      return List.of("unparsable");
    }
  }

  static List<String> keyUsage(X509Certificate c) {
    boolean[] bits = c.getKeyUsage();
    List<String> out = new ArrayList<>();
    if (bits != null) {
      for (int i = 0; i < Math.min(bits.length, KEY_USAGE.size()); i++) {
        if (bits[i]) {
          out.add(KEY_USAGE.get(i));
        }
      }
    }
    return out;
  }

  /** Entries of the embedded SignedCertificateTimestampList; 0 without one. */
  static int embeddedScts(X509Certificate c) {
    byte[] ext = c.getExtensionValue(SCT_OID);
    if (ext == null) {
      return 0;
    }
    try {
      // extnValue OCTET STRING wrapping an OCTET STRING wrapping the TLS-encoded list
      byte[] inner =
          org.bouncycastle.asn1.ASN1OctetString.getInstance(
                  org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets())
              .getOctets();
      return ScanAttempt.sctCount(inner);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  static String keyType(PublicKey key) {
    String a = key.getAlgorithm();
    return a.equals("EdDSA") ? "Ed25519" : a;
  }

  static int keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getOrder().bitLength();
    }
    if (key instanceof DSAPublicKey dsa) {
      BigInteger p = dsa.getParams().getP();
      return p.bitLength();
    }
    String a = key.getAlgorithm();
    if (a.equals("Ed25519") || a.equals("EdDSA") || a.equals("X25519")) {
      return 256;
    }
    if (a.equals("Ed448")) {
      return 456;
    }
    return 0;
  }

  /** RSA/DSA below 2048 bits or EC below 224 bits (NCSC appendix B.3, BSI TR-02102-2). */
  public boolean keyWeak() {
    return switch (keyType) {
      case "RSA", "DSA", "DH" -> keyBits < 2048;
      case "EC" -> keyBits < 224;
      default -> false;
    };
  }

  public boolean signatureWeak() {
    String s = signatureAlgorithm.toUpperCase(Locale.ROOT);
    return s.contains("MD5") || s.contains("MD2") || s.startsWith("SHA1WITH");
  }

  /** The common name from the subject, or empty. */
  public String commonName() {
    for (String part : subject.split(",")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "CN=", 0, 3)) {
        return p.substring(3).toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  /**
   * True if the certificate is for {@code host} (RFC 6125 §6.4): a dNSName equal to it or a
   * wildcard in the leftmost label; the CN only when there is no dNSName at all; for an IP, an
   * iPAddress entry.
   */
  public boolean matches(String host, boolean isAddress) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (isAddress) {
      return ipAddresses.stream().anyMatch(ip -> ip.equalsIgnoreCase(host));
    }
    List<String> names =
        dnsNames.isEmpty() && !commonName().isEmpty() ? List.of(commonName()) : dnsNames;
    for (String n : names) {
      if (n.equals(h)) {
        return true;
      }
      if (n.startsWith("*.")
          && h.indexOf('.') > 0
          && h.substring(h.indexOf('.') + 1).equals(n.substring(2))) {
        return true;
      }
    }
    return false;
  }
}
