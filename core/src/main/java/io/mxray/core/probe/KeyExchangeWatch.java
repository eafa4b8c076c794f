package io.mxray.core.probe;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsDHUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsDHConfig;
import org.bouncycastle.tls.crypto.TlsDHDomain;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.util.BigIntegers;

/**
 * Watches the key exchange of one scan attempt from inside Bouncy Castle's crypto: which named
 * group or DH prime the server's share used, and which hash its signature over the parameters used.
 * For questions answered by the key exchange alone it ends the attempt before anything is computed
 * ({@link Answered}).
 */
final class KeyExchangeWatch {

  private static final SecureRandom RANDOM = new SecureRandom();

  volatile int group = -1;
  volatile DHGroup dh;
  volatile String kexHash = "";
  volatile boolean stopAtKeyExchange;
  volatile boolean peerSeen;

  /**
   * BC crypto whose agreements note the group of the share the server sent and whose certificates
   * note the algorithm of the ServerKeyExchange signature they verify.
   */
  static final class Crypto extends BcTlsCrypto {
    KeyExchangeWatch recorder;

    Crypto() {
      super(RANDOM);
    }

    @Override
    public TlsCertificate createCertificate(byte[] encoding) throws IOException {
      return watch(super.createCertificate(encoding));
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
      return watch(super.createCertificate(type, encoding));
    }

    private TlsCertificate watch(TlsCertificate c) {
      return (TlsCertificate)
          Proxy.newProxyInstance(
              TlsCertificate.class.getClassLoader(),
              new Class<?>[] {TlsCertificate.class},
              (proxy, m, args) -> {
                Object r;
                try {
                  r = m.invoke(c, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
                if (r instanceof TlsCertificate tc && tc != c) {
                  return watch(tc);
                }
                if (r == c) {
                  return proxy;
                }
                if (r instanceof TlsVerifier v) {
                  return verifier(v);
                }
                return r;
              });
    }

    private TlsVerifier verifier(TlsVerifier v) {
      return new TlsVerifier() {
        @Override
        public TlsStreamVerifier getStreamVerifier(DigitallySigned signature) throws IOException {
          note(signature);
          return v.getStreamVerifier(signature);
        }

        @Override
        public boolean verifyRawSignature(DigitallySigned signature, byte[] hash)
            throws IOException {
          note(signature);
          return v.verifyRawSignature(signature, hash);
        }
      };
    }

    private void note(DigitallySigned signature) {
      SignatureAndHashAlgorithm a = signature.getAlgorithm();
      if (a == null) {
        recorder.kexHash = "md5-sha1"; // TLS 1.0/1.1 (RSA: MD5 and SHA-1; ECDSA/DSA: SHA-1)
      } else if (a.getHash() == HashAlgorithm.Intrinsic) {
        String n = SignatureScheme.getName(SignatureScheme.from(a));
        recorder.kexHash = n.contains("sha") ? n.substring(n.lastIndexOf('_') + 1) : n;
      } else {
        recorder.kexHash = HashAlgorithm.getName(a.getHash());
      }
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig config) {
      TlsECDomain d = super.createECDomain(config);
      return () -> watch(d.createECDH(), config.getNamedGroup());
    }

    @Override
    public TlsDHDomain createDHDomain(TlsDHConfig config) {
      if (recorder.stopAtKeyExchange && config.getNamedGroup() >= 0) {
        // Only which group the server takes is asked: a valid share with a short exponent is
        // enough, and spares computing with 6144- and 8192-bit primes for nothing.
        DHGroup g = TlsDHUtils.getNamedDHGroup(config.getNamedGroup());
        return () -> watch(new ShareOnly(g), config.getNamedGroup());
      }
      TlsDHDomain d = super.createDHDomain(config);
      return () -> watch(d.createDH(), config.getNamedGroup());
    }

    /** A DH key share g^x mod p with a 256-bit x, padded to the size of p (RFC 8446 §4.2.8.1). */
    private static final class ShareOnly implements TlsAgreement {
      private final DHGroup group;

      ShareOnly(DHGroup group) {
        this.group = group;
      }

      @Override
      public byte[] generateEphemeral() {
        BigInteger x = new BigInteger(256, RANDOM).setBit(255);
        BigInteger y = group.getG().modPow(x, group.getP());
        return BigIntegers.asUnsignedByteArray((group.getP().bitLength() + 7) / 8, y);
      }

      @Override
      public void receivePeerValue(byte[] v) {
        // nothing is computed with it
      }

      @Override
      public TlsSecret calculateSecret() throws IOException {
        throw new Answered();
      }
    }

    private TlsAgreement watch(TlsAgreement a, int group) {
      return new TlsAgreement() {
        @Override
        public byte[] generateEphemeral() throws IOException {
          if (recorder.stopAtKeyExchange && recorder.peerSeen) {
            throw new Answered(); // TLS 1.2: the server's parameters are in
          }
          return a.generateEphemeral();
        }

        @Override
        public void receivePeerValue(byte[] v) throws IOException {
          if (group >= 0) {
            recorder.group = group;
          }
          recorder.peerSeen = true;
          if (!recorder.stopAtKeyExchange) {
            a.receivePeerValue(v);
          }
        }

        @Override
        public TlsSecret calculateSecret() throws IOException {
          if (recorder.stopAtKeyExchange) {
            throw new Answered(); // TLS 1.3: the server's key share is in
          }
          return a.calculateSecret();
        }
      };
    }
  }

  /** Thrown by the watching agreement to end a group-only question once it is answered. */
  static final class Answered extends IOException {
    private static final long serialVersionUID = 1L;

    Answered() {
      super("answered", null);
    }
  }

  /** The IANA TLS Supported Groups name (x25519, secp256r1, ffdhe3072, …). */
  static String groupName(int group) {
    String n = NamedGroup.getStandardName(group);
    if (n == null) {
      return "group-" + group;
    }
    return n.equals("X25519") || n.equals("X448") ? n.toLowerCase(java.util.Locale.ROOT) : n;
  }

  /**
   * The name of a well-known DH prime: the RFC 7919 groups (ffdhe2048…8192, which the NCSC grades)
   * and the RFC 3526 MODP groups OpenSSL falls back to (modp1536…8192, graded like any other
   * non-RFC 7919 group); "custom" for anything else.
   */
  static String dhGroupName(BigInteger p) {
    for (Map.Entry<String, DHGroup> e : KNOWN_DH.entrySet()) {
      if (e.getValue().getP().equals(p)) {
        return e.getKey();
      }
    }
    return "custom";
  }

  private static final Map<String, DHGroup> KNOWN_DH = knownDh();

  private static Map<String, DHGroup> knownDh() {
    Map<String, DHGroup> m = new LinkedHashMap<>();
    m.put("ffdhe2048", DHStandardGroups.rfc7919_ffdhe2048);
    m.put("ffdhe3072", DHStandardGroups.rfc7919_ffdhe3072);
    m.put("ffdhe4096", DHStandardGroups.rfc7919_ffdhe4096);
    m.put("ffdhe6144", DHStandardGroups.rfc7919_ffdhe6144);
    m.put("ffdhe8192", DHStandardGroups.rfc7919_ffdhe8192);
    m.put("modp1536", DHStandardGroups.rfc3526_1536);
    m.put("modp2048", DHStandardGroups.rfc3526_2048);
    m.put("modp3072", DHStandardGroups.rfc3526_3072);
    m.put("modp4096", DHStandardGroups.rfc3526_4096);
    m.put("modp6144", DHStandardGroups.rfc3526_6144);
    m.put("modp8192", DHStandardGroups.rfc3526_8192);
    return m;
  }

  /** The method part of a suite's key exchange: ECDHE, DHE, RSA, DH_anon, … */
  static String method(int suite, ProtocolVersion version, int group) {
    if (version != null && TlsUtils.isTLSv13(version)) {
      return group >= 0 && NamedGroup.refersToASpecificFiniteField(group) ? "DHE" : "ECDHE";
    }
    return switch (TlsUtils.getKeyExchangeAlgorithm(suite)) {
      case KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.ECDHE_ECDSA -> "ECDHE";
      case KeyExchangeAlgorithm.DHE_RSA, KeyExchangeAlgorithm.DHE_DSS -> "DHE";
      case KeyExchangeAlgorithm.RSA -> "RSA";
      case KeyExchangeAlgorithm.DH_anon -> "DH_anon";
      case KeyExchangeAlgorithm.ECDH_anon -> "ECDH_anon";
      case KeyExchangeAlgorithm.DH_RSA, KeyExchangeAlgorithm.DH_DSS -> "DH";
      case KeyExchangeAlgorithm.ECDH_RSA, KeyExchangeAlgorithm.ECDH_ECDSA -> "ECDH";
      default -> "other";
    };
  }
}
