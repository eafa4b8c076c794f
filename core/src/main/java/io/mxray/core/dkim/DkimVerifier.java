package io.mxray.core.dkim;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * Verifies the DKIM signatures of a message (RFC 6376 §6.1; Ed25519 per RFC 8463; RFC 8301 rules:
 * no rsa-sha1, RSA keys of at least 1024 bits). Keys come through the {@link DnsClient} port and
 * expiry is judged with the injected {@link Clock}. Never throws for protocol outcomes: every
 * signature gets a {@link DkimSignatureVerification}. The static building blocks are shared with
 * ARC (RFC 8617).
 */
public final class DkimVerifier {

  /** Most signatures verified per message; the rest are reported as not verified. */
  public static final int MAX_SIGNATURES = 10;

  private static final Pattern B_VALUE = Pattern.compile("([:;][ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");

  private final DnsClient dns;
  private final Clock clock;
  private final Map<String, KeyLookup> keyCache = new HashMap<>();

  public DkimVerifier(DnsClient dns, Clock clock) {
    this.dns = dns;
    this.clock = clock;
  }

  /** A key record, or why there is none usable. */
  public record KeyLookup(
      Optional<DkimKeyRecord> key,
      DkimSignatureResult failure,
      String reason,
      DkimProblem problem) {
    static KeyLookup failed(DkimSignatureResult r, String reason, DkimProblem problem) {
      return new KeyLookup(Optional.empty(), r, reason, problem);
    }
  }

  /** Every DKIM-Signature of the message, topmost first. */
  public List<DkimSignatureVerification> verify(Message m) {
    List<DkimSignatureVerification> out = new ArrayList<>();
    for (HeaderField f : m.all("DKIM-Signature")) {
      if (out.size() >= MAX_SIGNATURES) {
        String[] ds = DkimSignature.domainAndSelector(f.value());
        out.add(
            new DkimSignatureVerification(
                ds[0],
                ds[1],
                "",
                "",
                DkimSignatureResult.NEUTRAL,
                "not verified: more than " + MAX_SIGNATURES + " signatures",
                DkimProblem.TOO_MANY_SIGNATURES,
                0,
                false,
                "",
                "",
                -1,
                List.of()));
        continue;
      }
      out.add(verify(m, f));
    }
    return out;
  }

  /** One signature field of the message. */
  public DkimSignatureVerification verify(Message m, HeaderField field) {
    DkimSignature sig = DkimSignature.parse(field.value());
    if (!sig.valid()) {
      String[] ds = DkimSignature.domainAndSelector(field.value());
      return new DkimSignatureVerification(
          ds[0],
          ds[1],
          "",
          "",
          DkimSignatureResult.PERMERROR,
          sig.error(),
          DkimProblem.MALFORMED,
          0,
          false,
          "",
          "",
          -1,
          List.of());
    }
    Result r = check(m, field, sig);
    return new DkimSignatureVerification(
        sig.domain(),
        sig.selector(),
        sig.algorithm(),
        sig.identity(),
        r.result,
        r.reason,
        r.problem,
        r.keyBits,
        r.testing,
        sig.headerRelaxed() ? "relaxed" : "simple",
        sig.bodyRelaxed() ? "relaxed" : "simple",
        sig.length().orElse(-1),
        sig.signedHeaders());
  }

  private record Result(
      DkimSignatureResult result,
      String reason,
      DkimProblem problem,
      int keyBits,
      boolean testing) {}

  private Result check(Message m, HeaderField field, DkimSignature sig) {
    if (sig.expiration().isPresent()
        && sig.expiration().getAsLong() < clock.instant().getEpochSecond()) {
      return new Result(
          DkimSignatureResult.NEUTRAL, "signature expired (x=)", DkimProblem.EXPIRED, 0, false);
    }
    KeyLookup lookup = fetchKey(sig.selector(), sig.domain());
    if (lookup.key().isEmpty()) {
      return new Result(lookup.failure(), lookup.reason(), lookup.problem(), 0, false);
    }
    DkimKeyRecord key = lookup.key().get();
    KeyIssue issue = keyIssue(key, sig.algorithm());
    if (issue != null) {
      return new Result(
          DkimSignatureResult.PERMERROR, issue.text(), issue.kind(), key.keyBits(), key.testing());
    }
    if (key.flags().contains("s")) {
      int at = sig.identity().lastIndexOf('@');
      String idom = sig.identity().substring(at + 1).toLowerCase(Locale.ROOT);
      if (!idom.equals(sig.domain())) {
        return new Result(
            DkimSignatureResult.PERMERROR,
            "key t=s forbids i= subdomain " + idom,
            DkimProblem.IDENTITY_NOT_ALLOWED,
            key.keyBits(),
            key.testing());
      }
    }
    String data =
        signedHeaderData(m.fields(), sig.signedHeaders(), sig.headerRelaxed())
            + Canonicalization.header(withoutSignatureValue(field.raw()), sig.headerRelaxed());
    boolean headersOk =
        verifySignature(key.publicKey().get(), sig.algorithm(), octets(data), sig.signature());
    boolean bodyKnown = m.hasBody() && !m.truncated();
    boolean bodyOk = false;
    if (bodyKnown) {
      byte[] bh = bodyHash(m.body(), sig.bodyRelaxed(), sig.algorithm(), sig.length());
      bodyOk = bh != null && MessageDigest.isEqual(bh, sig.bodyHash());
      if (bh == null) {
        return new Result(
            DkimSignatureResult.FAIL,
            "body is shorter than l=",
            DkimProblem.BODY_SHORTER_THAN_L,
            key.keyBits(),
            key.testing());
      }
      if (!bodyOk) {
        return new Result(
            DkimSignatureResult.FAIL,
            "body hash did not verify",
            DkimProblem.BODY_HASH_MISMATCH,
            key.keyBits(),
            key.testing());
      }
    }
    if (!headersOk) {
      return new Result(
          DkimSignatureResult.FAIL,
          "signature did not verify",
          DkimProblem.SIGNATURE_MISMATCH,
          key.keyBits(),
          key.testing());
    }
    if (sig.sha1()) {
      return new Result(
          DkimSignatureResult.PERMERROR,
          "the signature verified, but rsa-sha1 is not accepted (RFC 8301 §3.1: verifiers must not"
              + " consider rsa-sha1 signatures valid)",
          DkimProblem.SHA1_NOT_ACCEPTED,
          key.keyBits(),
          key.testing());
    }
    if (!bodyKnown) {
      return new Result(
          DkimSignatureResult.NEUTRAL,
          m.truncated()
              ? "header signature verified; message truncated, body hash not checked"
              : "header signature verified; no body given, body hash not checked",
          DkimProblem.BODY_NOT_CHECKED,
          key.keyBits(),
          key.testing());
    }
    return new Result(DkimSignatureResult.PASS, "", DkimProblem.NONE, key.keyBits(), key.testing());
  }

  /** Why a key cannot verify a signature with {@code algorithm}, or "". */
  public static String keyProblem(DkimKeyRecord key, String algorithm) {
    KeyIssue i = keyIssue(key, algorithm);
    return i == null ? "" : i.text();
  }

  /** A key that cannot verify a signature: what kind of problem, in words. */
  record KeyIssue(DkimProblem kind, String text) {}

  static KeyIssue keyIssue(DkimKeyRecord key, String algorithm) {
    boolean ed = algorithm.startsWith("ed25519");
    if (ed && !key.isEd25519() || !ed && !key.isRsa()) {
      return new KeyIssue(
          DkimProblem.KEY_MISMATCH,
          "key type k=" + key.keyType() + " does not match a=" + algorithm);
    }
    String hash = algorithm.substring(algorithm.indexOf('-') + 1);
    if (!key.hashAlgorithms().isEmpty() && !key.hashAlgorithms().contains(hash)) {
      return new KeyIssue(DkimProblem.KEY_MISMATCH, "key h= does not allow " + hash);
    }
    if (!key.serviceTypes().contains("*") && !key.serviceTypes().contains("email")) {
      return new KeyIssue(DkimProblem.KEY_MISMATCH, "key s= is not for email");
    }
    if (key.isRsa() && key.keyBits() < 1024) {
      return new KeyIssue(
          DkimProblem.KEY_TOO_SHORT,
          "RSA key of "
              + key.keyBits()
              + " bits is not accepted (RFC 8301 §3.2: verifiers must not accept keys shorter than"
              + " 1024 bits)");
    }
    return null;
  }

  /**
   * Fetches and parses {@code selector._domainkey.domain} TXT (RFC 6376 §3.6.2), cached per
   * verifier.
   */
  public KeyLookup fetchKey(String selector, String domain) {
    String name = selector + "._domainkey." + domain;
    return keyCache.computeIfAbsent(name.toLowerCase(Locale.ROOT), this::lookup);
  }

  private KeyLookup lookup(String name) {
    if (name.length() > 253 || !name.matches("[a-z0-9._-]+")) {
      return KeyLookup.failed(
          DkimSignatureResult.PERMERROR, "invalid key name " + name, DkimProblem.KEY_INVALID);
    }
    DnsAnswer a = dns.query(name, Type.TXT);
    if (a.isFailure()) {
      return KeyLookup.failed(
          DkimSignatureResult.TEMPERROR,
          "key lookup " + name + ": " + a.status().name(),
          DkimProblem.KEY_UNAVAILABLE);
    }
    List<String> txt = a.status() == DnsStatus.NOERROR ? a.txtJoined() : List.of();
    if (txt.isEmpty()) {
      return KeyLookup.failed(
          DkimSignatureResult.PERMERROR, "no key record at " + name, DkimProblem.KEY_MISSING);
    }
    DkimKeyRecord key = DkimKeyRecord.parse(txt.get(0));
    if (!key.valid()) {
      return KeyLookup.failed(
          DkimSignatureResult.PERMERROR,
          "invalid key record: " + key.error(),
          DkimProblem.KEY_INVALID);
    }
    if (key.revoked()) {
      return KeyLookup.failed(
          DkimSignatureResult.PERMERROR,
          "key revoked (empty p=) at " + name,
          DkimProblem.KEY_REVOKED);
    }
    if (key.publicKey().isEmpty()) {
      return KeyLookup.failed(
          DkimSignatureResult.PERMERROR, "key record has no usable key", DkimProblem.KEY_INVALID);
    }
    return new KeyLookup(Optional.of(key), DkimSignatureResult.PASS, "", DkimProblem.NONE);
  }

  /**
   * The canonicalized header fields named in {@code names} (RFC 6376 §5.4.2): for each name, the
   * next instance counting from the bottom; a name with no instance left contributes nothing. Each
   * ends in CRLF.
   */
  public static String signedHeaderData(
      List<HeaderField> fields, List<String> names, boolean relaxed) {
    Map<String, Integer> used = new HashMap<>();
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      int skip = used.merge(name, 1, Integer::sum) - 1;
      HeaderField f = null;
      int seen = 0;
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (fields.get(i).is(name)) {
          if (seen++ == skip) {
            f = fields.get(i);
            break;
          }
        }
      }
      if (f != null) {
        b.append(Canonicalization.header(f.raw(), relaxed)).append("\r\n");
      }
    }
    return b.toString();
  }

  /** The field with the b= tag's value removed (RFC 6376 §3.7), everything else untouched. */
  public static String withoutSignatureValue(String rawField) {
    return B_VALUE.matcher(rawField).replaceFirst("$1");
  }

  /** Hash of the canonicalized body, or null when l= is longer than the body. */
  public static byte[] bodyHash(
      String body, boolean relaxed, String algorithm, OptionalLong length) {
    String canon = Canonicalization.body(body, relaxed);
    if (length.isPresent()) {
      if (length.getAsLong() > canon.length()) {
        return null;
      }
      canon = canon.substring(0, (int) length.getAsLong());
    }
    return digest(algorithm, octets(canon));
  }

  public static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm.endsWith("sha1") ? "SHA-1" : "SHA-256")
          .digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** Checks {@code sig} over {@code data} (Ed25519 signs the SHA-256 of the data, RFC 8463 §3). */
  public static boolean verifySignature(PublicKey key, String algorithm, byte[] data, byte[] sig) {
    try {
      Signature s;
      if (algorithm.startsWith("ed25519")) {
        s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(digest("sha256", data));
      } else {
        s = Signature.getInstance(algorithm.endsWith("sha1") ? "SHA1withRSA" : "SHA256withRSA");
        s.initVerify(key);
        s.update(data);
      }
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // a malformed signature value is a failed signature
    }
  }

  /** The octets of canonical text (chars 0-255 are octets, see {@link HeaderField#raw()}). */
  public static byte[] octets(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
