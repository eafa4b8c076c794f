package io.mxray.core.dkim;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dkim.SelectorDiscovery.Probe;
import io.mxray.core.dkim.SelectorDiscovery.Source;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DKIM public keys a domain publishes (RFC 6376 §3.6.1, RFC 8463, RFC 8301 key sizes): the
 * selectors from the request plus the common ones are probed in parallel, and every key found is
 * parsed and rated. Not finding a key is INFO only: selectors cannot be listed, so discovery never
 * proves "no DKIM".
 */
public final class DkimKeyCheck implements Check {

  public static final CheckId ID = CheckId.of("dkim");

  /** RSA keys shorter than this are rejected by verifiers (RFC 8301 §3.2). */
  static final int RSA_MIN = 1024;

  /**
   * RSA keys shorter than this are weak (RFC 8301 §3.2 recommends at least 2048 bits for signers).
   */
  static final int RSA_RECOMMENDED = 2048;

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "DKIM public keys";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String domain = ctx.domain();
    CheckResult.Builder out = CheckResult.builder(ID, title());
    boolean discover = ctx.request().dkimDiscovery();
    List<Probe> probes =
        SelectorDiscovery.probe(ctx.dns(), domain, ctx.request().dkimSelectors(), discover);
    out.fact("selectorsTried", probes.stream().map(Probe::selector).toList());
    out.fact("discovery", discover);
    if (probes.isEmpty()) {
      out.add(
          Finding.of(
                  DkimKeyCodes.NOT_LOOKED_UP,
                  domain,
                  "No DKIM selector was given and discovery of the common selectors was off, so no key was looked up.")
              .withRemediation(
                  "Name the selector from a DKIM-Signature header (s=) of a message you sent"
                      + " (--dkim-selector <s>), or turn discovery on (mxray batch --dkim-discovery)."));
      return out.build();
    }
    List<Map<String, Object>> found = new ArrayList<>();
    int usable = 0;
    List<Probe> failed = new ArrayList<>();
    for (Probe p : probes) {
      if (p.answer().isFailure()) {
        failed.add(p);
        continue;
      }
      List<String> records = p.records();
      if (records.isEmpty()) {
        if (p.source() == Source.GIVEN) {
          out.add(
              Finding.of(
                      DkimKeyCodes.SELECTOR_MISSING,
                      p.name(),
                      "Selector "
                          + p.selector()
                          + " publishes no key record ("
                          + p.answer().status()
                          + "); mail signed"
                          + " with s="
                          + p.selector()
                          + " fails DKIM verification.")
                  .withRemediation(
                      "Publish the selector's public key: "
                          + p.name()
                          + ". IN TXT \"v=DKIM1; k=rsa; p=<base64 public key>\" (your mail provider shows the exact record).")
                  .withEvidence(p.name() + " TXT " + p.answer().status()));
        }
        continue;
      }
      for (String text : records) {
        // A probed name may hit an unrelated wildcard TXT; only records that look like DKIM keys
        // count there.
        if (p.source() == Source.COMMON && !looksLikeKey(text)) {
          continue;
        }
        DkimKeyRecord k = DkimKeyRecord.parse(text);
        found.add(facts(p, k));
        if (rate(p, k, text, out)) {
          usable++;
        }
      }
    }
    out.fact("selectorsFound", found);
    if (!failed.isEmpty()) {
      // One finding for all failed selector lookups: they usually fail together (a dead resolver).
      Finding first =
          DnsCodes.failure(
              failed.get(0).answer(),
              "the DKIM keys of "
                  + failed.size()
                  + " selector"
                  + (failed.size() == 1 ? "" : "s")
                  + " ("
                  + String.join(", ", failed.stream().map(Probe::selector).limit(8).toList())
                  + (failed.size() > 8 ? ", ..." : "")
                  + ")");
      out.add(
          first.withEvidence(
              failed.stream()
                  .map(
                      p -> p.name() + " TXT " + p.answer().status() + " via " + p.answer().server())
                  .toList()));
      out.fact("selectorsFailed", failed.stream().map(Probe::selector).toList());
    }
    int answered = probes.size() - failed.size();
    if (found.isEmpty() && !out.has(DkimKeyCodes.SELECTOR_MISSING.id()) && answered > 0) {
      out.add(
          Finding.of(
                  DkimKeyCodes.NONE_FOUND,
                  domain,
                  "None of the "
                      + answered
                      + " selectors answered has a DKIM key under _domainkey."
                      + domain
                      + ". This does not mean the domain has no DKIM: selectors cannot be listed, and yours may"
                      + " not be among the common ones.")
              .withRemediation(
                  "Name the selector from a DKIM-Signature header (s=) of a message you sent:"
                      + " --dkim-selector <s>."));
    } else if (usable > 0 && out.worst() != Severity.FAIL && out.worst() != Severity.WARN) {
      out.add(
          Finding.of(
              DkimKeyCodes.OK,
              domain,
              usable + " usable DKIM key" + (usable == 1 ? "" : "s") + " found."));
    }
    return out.build();
  }

  private static boolean looksLikeKey(String text) {
    String t = text.strip();
    return t.startsWith("v=DKIM1")
        || t.matches("(?s)(.*;)?\\s*p\\s*=.*")
        || t.matches("(?s)\\s*k\\s*=.*");
  }

  /** Adds findings for one key; true when the key is usable. */
  private static boolean rate(Probe p, DkimKeyRecord k, String text, CheckResult.Builder out) {
    String name = p.name();
    if (!k.valid()) {
      out.add(
          Finding.of(
                  DkimKeyCodes.KEY_INVALID,
                  name,
                  "The DKIM key record of selector "
                      + p.selector()
                      + " cannot be used: "
                      + k.error()
                      + ".")
              .withRemediation(
                  "Publish the key exactly as your signer generated it: "
                      + name
                      + ". IN TXT \"v=DKIM1; k=rsa; p=<base64 public key>\"")
              .withEvidence(text));
      return false;
    }
    if (k.revoked()) {
      out.add(
          Finding.of(
                  DkimKeyCodes.KEY_REVOKED,
                  name,
                  "Selector "
                      + p.selector()
                      + " has an empty p=: the key is revoked, and mail still signed with it fails"
                      + " DKIM.")
              .withRemediation(
                  "Nothing to do if the selector was retired on purpose; otherwise publish its key again.")
              .withEvidence(text));
      return false;
    }
    if (!k.serviceTypes().contains("*") && !k.serviceTypes().contains("email")) {
      out.add(
          Finding.of(
                  DkimKeyCodes.KEY_NOT_FOR_EMAIL,
                  name,
                  "Selector "
                      + p.selector()
                      + " has s="
                      + String.join(":", k.serviceTypes())
                      + ", so verifiers must not"
                      + " use it for email (RFC 6376 §3.6.1).")
              .withRemediation("Remove s= from the key record (the default is *), or set s=email.")
              .withEvidence(text));
      return false;
    }
    if (k.isRsa() && !k.hashAlgorithms().isEmpty() && !k.hashAlgorithms().contains("sha256")) {
      out.add(
          Finding.of(
                  DkimKeyCodes.KEY_SHA1_ONLY,
                  name,
                  "Selector "
                      + p.selector()
                      + " allows only h="
                      + String.join(":", k.hashAlgorithms())
                      + "; RFC 8301 forbids verifiers to accept rsa-sha1, so every signature with this key fails.")
              .withRemediation("Remove h= (any hash) or set h=sha256, and sign with rsa-sha256.")
              .withEvidence(text));
      return false;
    }
    if (k.testing()) {
      out.add(
          Finding.of(
                  DkimKeyCodes.TESTING,
                  name,
                  "Selector "
                      + p.selector()
                      + " has t=y: the domain says it is testing DKIM, and verifiers treat its"
                      + " signatures as if the mail were unsigned.")
              .withRemediation(
                  "When signing works, remove t=y: "
                      + name
                      + ". IN TXT \""
                      + text.replaceAll(";\\s*t\\s*=\\s*y\\s*(?=;|$)", "")
                      + "\"")
              .withEvidence(text));
    }
    if (k.isRsa() && k.keyBits() < RSA_RECOMMENDED) {
      boolean fail = k.keyBits() < RSA_MIN;
      out.add(
          Finding.of(
                  DkimKeyCodes.KEY_WEAK,
                  name,
                  "Selector "
                      + p.selector()
                      + " publishes a "
                      + k.keyBits()
                      + "-bit RSA key. "
                      + (fail
                          ? "Verifiers must not accept keys under 1024 bits (RFC 8301), so DKIM fails."
                          : "1024-bit keys are within reach of well-funded attackers; 2048 bits is the norm."))
              .withSeverity(fail ? Severity.FAIL : Severity.WARN)
              .withRemediation(
                  "Generate a 2048-bit key under a new selector, publish it, switch the signer over, then"
                      + " revoke this one with an empty p= ("
                      + name
                      + ". IN TXT \"v=DKIM1; p=\")."));
      return !fail;
    }
    return true;
  }

  private static Map<String, Object> facts(Probe p, DkimKeyRecord k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("selector", p.selector());
    m.put("source", p.source().name().toLowerCase(java.util.Locale.ROOT));
    m.put("name", p.name());
    m.put("valid", k.valid());
    if (k.valid()) {
      m.put("keyType", k.keyType());
      m.put("bits", k.keyBits());
      m.put("revoked", k.revoked());
      m.put("flags", k.flags());
    } else {
      m.put("error", k.error());
    }
    return m;
  }
}
