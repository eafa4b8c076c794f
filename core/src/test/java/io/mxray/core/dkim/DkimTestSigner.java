package io.mxray.core.dkim;

import io.mxray.core.headers.HeaderParser;
import io.mxray.core.message.Message;
import io.mxray.core.syntax.TagList;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * Signs test messages with generated keys, so DKIM verification is tested without anyone's real
 * mail.
 */
public final class DkimTestSigner {

  public static final KeyPair RSA = generate("RSA", 2048);
  public static final KeyPair RSA_512 = generate("RSA", 512);
  public static final KeyPair ED25519 = generate("Ed25519", 0);

  private DkimTestSigner() {}

  private static KeyPair generate(String alg, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
      if (bits > 0) {
        g.initialize(bits);
      }
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key record text for the pair, as it would be published at selector._domainkey.domain. */
  public static String keyRecord(KeyPair pair) {
    byte[] der = pair.getPublic().getEncoded();
    if (pair.getPublic().getAlgorithm().startsWith("Ed")) {
      return "v=DKIM1; k=ed25519; p="
          + Base64.getEncoder()
              .encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
    }
    return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(der);
  }

  /** A zone-file TXT line for the key, split into 200-character strings. */
  public static String zoneLine(String owner, KeyPair pair) {
    String rec = keyRecord(pair);
    StringBuilder b = new StringBuilder(owner).append(" IN TXT (");
    for (int i = 0; i < rec.length(); i += 200) {
      b.append(" \"").append(rec, i, Math.min(rec.length(), i + 200)).append('"');
    }
    return b.append(" )\n").toString();
  }

  /**
   * Prepends a DKIM-Signature to {@code message} (CRLF text). {@code tags} holds the tags other
   * than b= and bh=, e.g. "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel;
   * h=from:to:subject".
   */
  public static String sign(String message, String tags, PrivateKey key) {
    TagList t = TagList.parse(tags);
    String a = t.get("a").orElseThrow();
    String[] c = t.get("c").orElse("simple/simple").split("/");
    boolean hRelaxed = c[0].equals("relaxed");
    boolean bRelaxed = c.length > 1 && c[1].equals("relaxed");
    Message m = HeaderParser.parse(message.getBytes(StandardCharsets.ISO_8859_1));
    OptionalLong l =
        t.has("l") ? OptionalLong.of(Long.parseLong(t.get("l").get())) : OptionalLong.empty();
    String bh = Base64.getEncoder().encodeToString(DkimVerifier.bodyHash(m.body(), bRelaxed, a, l));
    String field = "DKIM-Signature: " + tags + "; bh=" + bh + ";\r\n\tb=";
    List<String> names = List.of(t.get("h").orElseThrow().toLowerCase().split(":"));
    String data =
        DkimVerifier.signedHeaderData(m.fields(), names, hRelaxed)
            + Canonicalization.header(field, hRelaxed);
    try {
      Signature s;
      byte[] input = DkimVerifier.octets(data);
      if (a.startsWith("ed25519")) {
        s = Signature.getInstance("Ed25519");
        input = DkimVerifier.digest("sha256", input);
      } else {
        s = Signature.getInstance(a.endsWith("sha1") ? "SHA1withRSA" : "SHA256withRSA");
      }
      s.initSign(key);
      s.update(input);
      String b64 = Base64.getEncoder().encodeToString(s.sign());
      return field + b64 + "\r\n" + message;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
