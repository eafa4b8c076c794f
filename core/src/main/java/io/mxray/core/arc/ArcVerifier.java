package io.mxray.core.arc;

import io.mxray.core.arc.ArcResult.ArcSetInfo;
import io.mxray.core.arc.ArcResult.Status;
import io.mxray.core.dkim.Canonicalization;
import io.mxray.core.dkim.DkimKeyRecord;
import io.mxray.core.dkim.DkimSignature;
import io.mxray.core.dkim.DkimSignatureResult;
import io.mxray.core.dkim.DkimVerifier;
import io.mxray.core.dkim.DkimVerifier.KeyLookup;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates the ARC chain of a message (RFC 8617 §5.2): structure (one ARC-Authentication-Results,
 * ARC-Message-Signature and ARC-Seal per instance, 1..N, N ≤ 50), the cv= sequence, the newest
 * ARC-Message-Signature, then every ARC-Seal from newest to oldest. Keys come through the {@link
 * DkimVerifier}'s DNS port. Tag lists are parsed strictly (case-sensitive names, no duplicate or
 * empty tags). Never throws for protocol outcomes.
 */
public final class ArcVerifier {

  public static final int MAX_INSTANCES = 50;

  private final DkimVerifier dkim;

  public ArcVerifier(DkimVerifier dkim) {
    this.dkim = dkim;
  }

  /** The strict tag list of an ARC header, or why it is malformed. */
  record Tags(Map<String, String> tags, String error) {}

  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final Status status;

    Failure(Status status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  public ArcResult verify(Message m) {
    List<HeaderField> seals = m.all("ARC-Seal");
    List<HeaderField> sigs = m.all("ARC-Message-Signature");
    List<HeaderField> aars = m.all("ARC-Authentication-Results");
    if (seals.isEmpty() && sigs.isEmpty() && aars.isEmpty()) {
      return new ArcResult(Status.NONE, 0, "", List.of());
    }
    Map<Integer, HeaderField> sealBy = new TreeMap<>();
    Map<Integer, HeaderField> sigBy = new TreeMap<>();
    Map<Integer, HeaderField> aarBy = new TreeMap<>();
    Map<Integer, Tags> sealTags = new TreeMap<>();
    List<ArcSetInfo> infos = new ArrayList<>();
    try {
      if (seals.size() + sigs.size() + aars.size() > 3 * MAX_INSTANCES) {
        throw new Failure(Status.FAIL, "more than " + MAX_INSTANCES + " ARC sets");
      }
      for (HeaderField f : seals) {
        Tags t = strictTags(f.value());
        if (!t.error().isEmpty()) {
          throw new Failure(Status.FAIL, "ARC-Seal: " + t.error());
        }
        int i = instance(t.tags().get("i"), "ARC-Seal");
        put(sealBy, i, f, "ARC-Seal");
        sealTags.put(i, t);
      }
      for (HeaderField f : sigs) {
        Tags t = strictTags(f.value());
        if (!t.error().isEmpty()) {
          throw new Failure(Status.FAIL, "ARC-Message-Signature: " + t.error());
        }
        put(
            sigBy,
            instance(t.tags().get("i"), "ARC-Message-Signature"),
            f,
            "ARC-Message-Signature");
      }
      for (HeaderField f : aars) {
        String v = f.value().strip();
        if (!v.startsWith("i=") || v.indexOf(';') < 0) {
          throw new Failure(Status.FAIL, "ARC-Authentication-Results does not start with i=N;");
        }
        put(
            aarBy,
            instance(v.substring(2, v.indexOf(';')).strip(), "ARC-Authentication-Results"),
            f,
            "ARC-Authentication-Results");
      }
      int n =
          Math.max(
              sealBy.isEmpty() ? 0 : ((TreeMap<Integer, HeaderField>) sealBy).lastKey(),
              Math.max(
                  sigBy.isEmpty() ? 0 : ((TreeMap<Integer, HeaderField>) sigBy).lastKey(),
                  aarBy.isEmpty() ? 0 : ((TreeMap<Integer, HeaderField>) aarBy).lastKey()));
      for (int i = 1; i <= n; i++) {
        if (!sealBy.containsKey(i) || !sigBy.containsKey(i) || !aarBy.containsKey(i)) {
          throw new Failure(
              Status.FAIL,
              "ARC set i="
                  + i
                  + " is incomplete (needs ARC-Seal, "
                  + "ARC-Message-Signature and ARC-Authentication-Results)");
        }
      }
      for (int i = 1; i <= n; i++) {
        Map<String, String> t = sealTags.get(i).tags();
        AuthResults ar = AuthResults.parse(aarBy.get(i).value());
        StringBuilder summary = new StringBuilder();
        ar.results()
            .forEach(
                r ->
                    summary
                        .append(summary.length() == 0 ? "" : " ")
                        .append(r.method())
                        .append('=')
                        .append(r.result()));
        infos.add(
            new ArcSetInfo(
                i,
                t.getOrDefault("d", ""),
                t.getOrDefault("s", ""),
                t.getOrDefault("cv", ""),
                ar.authservId(),
                summary.toString(),
                "not checked",
                "not checked"));
      }
      Map<String, String> newest = sealTags.get(n).tags();
      if ("fail".equals(newest.get("cv"))) {
        throw new Failure(Status.FAIL, "the newest ARC-Seal records cv=fail");
      }
      for (int i = 1; i <= n; i++) {
        String cv = sealTags.get(i).tags().get("cv");
        String expected = i == 1 ? "none" : "pass";
        if (!expected.equals(cv)) {
          throw new Failure(
              Status.FAIL, "ARC-Seal i=" + i + " has cv=" + cv + ", expected cv=" + expected);
        }
      }
      String amsResult = verifyMessageSignature(m, sigBy.get(n));
      infos.set(
          n - 1, withAms(infos.get(n - 1), amsResult.isEmpty() ? "pass" : "fail: " + amsResult));
      if (!amsResult.isEmpty()) {
        throw new Failure(Status.FAIL, "ARC-Message-Signature i=" + n + ": " + amsResult);
      }
      for (int i = n; i >= 1; i--) {
        String sealResult = verifySeal(i, sealTags.get(i).tags(), sealBy, sigBy, aarBy);
        infos.set(
            i - 1,
            withSeal(infos.get(i - 1), sealResult.isEmpty() ? "pass" : "fail: " + sealResult));
        if (!sealResult.isEmpty()) {
          throw new Failure(Status.FAIL, "ARC-Seal i=" + i + ": " + sealResult);
        }
      }
      return new ArcResult(Status.PASS, n, "", infos);
    } catch (Failure f) {
      int n = Math.max(sealBy.size(), Math.max(sigBy.size(), aarBy.size()));
      return new ArcResult(f.status, n, f.getMessage(), infos);
    }
  }

  private static ArcSetInfo withAms(ArcSetInfo s, String r) {
    return new ArcSetInfo(
        s.instance(),
        s.sealDomain(),
        s.sealSelector(),
        s.cv(),
        s.authservId(),
        s.authResults(),
        r,
        s.seal());
  }

  private static ArcSetInfo withSeal(ArcSetInfo s, String r) {
    return new ArcSetInfo(
        s.instance(),
        s.sealDomain(),
        s.sealSelector(),
        s.cv(),
        s.authservId(),
        s.authResults(),
        s.messageSignature(),
        r);
  }

  /** "" when the newest ARC-Message-Signature verifies, else why not. */
  private String verifyMessageSignature(Message m, HeaderField field) throws Failure {
    DkimSignature sig = DkimSignature.parseArc(field.value());
    if (!sig.valid()) {
      return sig.error();
    }
    if (sig.signedHeaders().contains("arc-seal")) {
      return "h= must not include ARC-Seal"; // RFC 8617 §4.1.2
    }
    DkimKeyRecord key = key(sig.selector(), sig.domain());
    String problem = DkimVerifier.keyProblem(key, sig.algorithm());
    if (!problem.isEmpty()) {
      return problem;
    }
    if (m.hasBody()
        && !m.truncated()) { // a headers-only paste can only have its header signature checked
      byte[] bh = DkimVerifier.bodyHash(m.body(), sig.bodyRelaxed(), sig.algorithm(), sig.length());
      if (bh == null || !MessageDigest.isEqual(bh, sig.bodyHash())) {
        return "body hash did not verify";
      }
    }
    String data =
        DkimVerifier.signedHeaderData(m.fields(), sig.signedHeaders(), sig.headerRelaxed())
            + Canonicalization.header(
                DkimVerifier.withoutSignatureValue(field.raw()), sig.headerRelaxed());
    if (!DkimVerifier.verifySignature(
        key.publicKey().get(), sig.algorithm(), DkimVerifier.octets(data), sig.signature())) {
      return "signature did not verify";
    }
    return "";
  }

  /** "" when ARC-Seal i verifies (RFC 8617 §5.1.1), else why not. */
  private String verifySeal(
      int i,
      Map<String, String> t,
      Map<Integer, HeaderField> seals,
      Map<Integer, HeaderField> sigs,
      Map<Integer, HeaderField> aars)
      throws Failure {
    for (String required : List.of("a", "b", "cv", "d", "i", "s")) {
      if (!t.containsKey(required)) {
        return required + "= is missing";
      }
    }
    if (t.containsKey("h")) {
      return "h= is not allowed in ARC-Seal"; // RFC 8617 §4.1.3
    }
    if (!t.get("a").equals("rsa-sha256")) {
      return "ARC allows only a=rsa-sha256 (found a=" + t.get("a") + ")";
    }
    if (!DkimSignature.isDomain(t.get("d"))) {
      return "d= is not a domain name";
    }
    if (!t.get("s").matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      return "s= is not a selector";
    }
    if (t.containsKey("t") && !t.get("t").matches("\\d{1,18}")) {
      return "t= is not a number";
    }
    byte[] b;
    try {
      b = Base64.getDecoder().decode(t.get("b").replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      return "b= is not valid base64";
    }
    if (b.length == 0) {
      return "b= is empty";
    }
    DkimKeyRecord key = key(t.get("s"), t.get("d").toLowerCase(java.util.Locale.ROOT));
    String problem = DkimVerifier.keyProblem(key, "rsa-sha256");
    if (!problem.isEmpty()) {
      return problem;
    }
    StringBuilder data = new StringBuilder();
    for (int j = 1; j <= i; j++) {
      data.append(Canonicalization.header(aars.get(j).raw(), true)).append("\r\n");
      data.append(Canonicalization.header(sigs.get(j).raw(), true)).append("\r\n");
      if (j < i) {
        data.append(Canonicalization.header(seals.get(j).raw(), true)).append("\r\n");
      } else {
        data.append(
            Canonicalization.header(DkimVerifier.withoutSignatureValue(seals.get(j).raw()), true));
      }
    }
    if (!DkimVerifier.verifySignature(
        key.publicKey().get(), "rsa-sha256", DkimVerifier.octets(data.toString()), b)) {
      return "signature did not verify";
    }
    return "";
  }

  private DkimKeyRecord key(String selector, String domain) throws Failure {
    KeyLookup k = dkim.fetchKey(selector, domain);
    if (k.key().isEmpty()) {
      throw new Failure(
          k.failure() == DkimSignatureResult.TEMPERROR ? Status.TEMPERROR : Status.FAIL,
          k.reason());
    }
    return k.key().get();
  }

  private static void put(Map<Integer, HeaderField> map, int i, HeaderField f, String what)
      throws Failure {
    if (map.putIfAbsent(i, f) != null) {
      throw new Failure(Status.FAIL, "two " + what + " headers with i=" + i);
    }
  }

  private static int instance(String value, String what) throws Failure {
    if (value == null || !value.strip().matches("[1-9]\\d?")) {
      throw new Failure(Status.FAIL, what + " has no valid instance i= (1-" + MAX_INSTANCES + ")");
    }
    int i = Integer.parseInt(value.strip());
    if (i > MAX_INSTANCES) {
      throw new Failure(Status.FAIL, what + " i=" + i + " is above " + MAX_INSTANCES);
    }
    return i;
  }

  /**
   * A tag list parsed as RFC 6376 §3.2 writes it: tag names are case-sensitive, duplicates and
   * empty tag-specs (";;") are errors, a single trailing ';' is allowed.
   */
  static Tags strictTags(String value) {
    Map<String, String> tags = new LinkedHashMap<>();
    String[] specs = value.split(";", -1);
    for (int k = 0; k < specs.length; k++) {
      String spec = specs[k];
      if (spec.isBlank()) {
        if (k == specs.length - 1 && k > 0) {
          continue; // trailing semicolon
        }
        return new Tags(tags, "empty tag (extra ';')");
      }
      int eq = spec.indexOf('=');
      if (eq < 0) {
        return new Tags(tags, "'" + spec.strip() + "' has no '='");
      }
      String name = spec.substring(0, eq).strip();
      if (!name.matches("[a-z][a-z0-9_]*")) {
        return new Tags(tags, "invalid tag name '" + name + "'");
      }
      if (tags.put(name, spec.substring(eq + 1).strip()) != null) {
        return new Tags(tags, "tag '" + name + "' appears twice");
      }
    }
    return new Tags(tags, "");
  }
}
