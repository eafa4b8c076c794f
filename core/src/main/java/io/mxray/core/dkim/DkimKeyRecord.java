package io.mxray.core.dkim;

import io.mxray.core.syntax.TagList;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A DKIM public key record published at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.1;
 * Ed25519 keys per RFC 8463 §4). Pure parser: {@link #parse} never throws.
 *
 * @param version v= (empty when absent; if present it must be "DKIM1" and come first)
 * @param keyType k= ("rsa" by default, or "ed25519")
 * @param hashAlgorithms h= (empty list = any)
 * @param serviceTypes s= (default "*")
 * @param flags t= flags ("y" testing, "s" strict)
 * @param notes n=
 * @param publicKeyBase64 p= with white space removed; empty means revoked
 * @param publicKey the decoded key, when p= is valid
 * @param keyBits RSA modulus length or 256 for Ed25519; 0 when unknown
 * @param error empty when the record is valid; else why it is not
 */
public record DkimKeyRecord(
    String version,
    String keyType,
    List<String> hashAlgorithms,
    List<String> serviceTypes,
    List<String> flags,
    String notes,
    String publicKeyBase64,
    Optional<PublicKey> publicKey,
    int keyBits,
    String error) {

  public DkimKeyRecord {
    hashAlgorithms = List.copyOf(hashAlgorithms);
    serviceTypes = List.copyOf(serviceTypes);
    flags = List.copyOf(flags);
  }

  public boolean valid() {
    return error.isEmpty();
  }

  /** Empty p=: the key has been revoked (RFC 6376 §3.6.1). */
  public boolean revoked() {
    return error.isEmpty() && publicKeyBase64.isEmpty();
  }

  /**
   * t=y: the domain is testing DKIM; verifiers must not treat failures differently (RFC 6376
   * §3.6.1).
   */
  public boolean testing() {
    return flags.contains("y");
  }

  public boolean isRsa() {
    return keyType.equals("rsa");
  }

  public boolean isEd25519() {
    return keyType.equals("ed25519");
  }

  public static DkimKeyRecord parse(String text) {
    TagList t = TagList.parse(text);
    if (!t.ok()) {
      return invalid("syntax error at position " + t.errorPosition() + ": " + t.error());
    }
    String v = t.get("v").orElse("");
    if (t.has("v") && (!v.equals("DKIM1") || !t.tags().keySet().iterator().next().equals("v"))) {
      return invalid("v= must be \"DKIM1\" and the first tag (found \"" + v + "\")");
    }
    String k = t.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
    List<String> h = split(t.get("h").orElse(""));
    List<String> s = t.has("s") ? split(t.get("s").get()) : List.of("*");
    List<String> flags = split(t.get("t").orElse(""));
    String n = t.get("n").orElse("");
    if (!t.has("p")) {
      return invalid("the p= tag (public key) is missing");
    }
    String p = t.get("p").get().replaceAll("\\s+", "");
    if (p.isEmpty()) {
      return new DkimKeyRecord(v, k, h, s, flags, n, "", Optional.empty(), 0, "");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(p);
    } catch (IllegalArgumentException e) {
      return new DkimKeyRecord(
          v, k, h, s, flags, n, p, Optional.empty(), 0, "p= is not valid base64");
    }
    try {
      switch (k) {
        case "rsa" -> {
          PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
          int bits = ((RSAPublicKey) key).getModulus().bitLength();
          return new DkimKeyRecord(v, k, h, s, flags, n, p, Optional.of(key), bits, "");
        }
        case "ed25519" -> {
          if (der.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return new DkimKeyRecord(
                v,
                k,
                h,
                s,
                flags,
                n,
                p,
                Optional.empty(),
                0,
                "an Ed25519 key is 32 bytes; p= holds " + der.length);
          }
          // RFC 8463 §4.2: p= is the raw 32-byte key; wrap it in SubjectPublicKeyInfo for the JCA.
          byte[] spki = new byte[12 + 32];
          byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
          System.arraycopy(prefix, 0, spki, 0, 12);
          System.arraycopy(der, 0, spki, 12, 32);
          PublicKey key =
              KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
          return new DkimKeyRecord(v, k, h, s, flags, n, p, Optional.of(key), 256, "");
        }
        default -> {
          return new DkimKeyRecord(
              v, k, h, s, flags, n, p, Optional.empty(), 0, "unknown key type k=" + k);
        }
      }
    } catch (Exception e) {
      return new DkimKeyRecord(
          v, k, h, s, flags, n, p, Optional.empty(), 0, "p= is not a valid " + k + " public key");
    }
  }

  private static DkimKeyRecord invalid(String error) {
    return new DkimKeyRecord(
        "", "", List.of(), List.of(), List.of(), "", "", Optional.empty(), 0, error);
  }

  private static List<String> split(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    return List.of(value.toLowerCase(Locale.ROOT).split("\\s*:\\s*")).stream()
        .map(String::strip)
        .filter(x -> !x.isEmpty())
        .toList();
  }
}
