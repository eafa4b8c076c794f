package io.mxray.core.dmarc;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dmarc.DmarcRecord.Policy;
import io.mxray.core.dmarc.DmarcRecord.ReportUri;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.syntax.TagList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * The DMARC policy of a domain (RFC 7489): where it is published, whether it parses, how strict it
 * is for the domain and its subdomains, and whether its report addresses will receive reports
 * (§7.1).
 */
public final class DmarcCheck implements Check {

  public static final CheckId ID = CheckId.of("dmarc");

  private final DmarcDiscovery.Mode mode;

  public DmarcCheck() {
    this(DmarcDiscovery.Mode.ORG_DOMAIN);
  }

  public DmarcCheck(DmarcDiscovery.Mode mode) {
    this.mode = mode;
  }

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "DMARC policy";
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
    DmarcDiscovery.Outcome o = DmarcDiscovery.discover(ctx.dns(), domain, mode);
    out.fact("discovery", mode == DmarcDiscovery.Mode.TREE_WALK ? "tree-walk" : "org-domain");
    out.fact("organizationalDomain", OrgDomain.of(domain));
    out.fact("asked", o.asked());
    switch (o.kind()) {
      case FAILED -> {
        DnsAnswer a = o.failure().orElseThrow();
        Finding dns = DnsCodes.failure(a, "the DMARC record");
        out.add(
            Finding.of(
                    DmarcCodes.LOOKUP_TIMEOUT,
                    domain,
                    "Could not look up "
                        + a.name()
                        + " TXT ("
                        + a.status()
                        + "), so whether "
                        + domain
                        + " has a DMARC policy is unknown, not missing.")
                .withRemediation(dns.remediation())
                .withEvidence(dns.evidence()));
        return out.build();
      }
      case NONE -> {
        missing(ctx, domain, out);
        return out.build();
      }
      case MULTIPLE -> {
        out.fact("foundAt", "_dmarc." + o.foundAt());
        out.add(
            Finding.of(
                    DmarcCodes.MULTIPLE,
                    "_dmarc." + o.foundAt(),
                    "_dmarc."
                        + o.foundAt()
                        + " publishes "
                        + o.records().size()
                        + " DMARC records. RFC 7489 §6.6.3 says"
                        + " receivers then apply no DMARC policy, as if there were none.")
                .withRemediation(
                    "Keep exactly one TXT record starting with v=DMARC1 at _dmarc."
                        + o.foundAt()
                        + " and delete the others.")
                .withEvidence(o.records()));
        return out.build();
      }
      case FOUND -> found(ctx, domain, o, out);
      default -> throw new IllegalStateException(o.kind().toString());
    }
    return out.build();
  }

  private static void missing(CheckContext ctx, String domain, CheckResult.Builder out) {
    String suggested =
        "_dmarc."
            + domain
            + ". IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@"
            + domain
            + "\"";
    DnsAnswer apex = ctx.dns().query(domain, Type.TXT);
    List<String> atApex = apex.txtJoined().stream().filter(DmarcParser::isDmarc).toList();
    if (!atApex.isEmpty()) {
      out.add(
          Finding.of(
                  DmarcCodes.AT_APEX,
                  domain,
                  domain
                      + " publishes a DMARC record at the domain itself; receivers only look at _dmarc."
                      + domain
                      + ", so no policy applies.")
              .withRemediation(
                  "Move the record to the _dmarc name and remove it from the apex:\n_dmarc."
                      + domain
                      + ". IN TXT \""
                      + atApex.get(0)
                      + "\"")
              .withEvidence(atApex));
      return;
    }
    String org = OrgDomain.of(domain);
    out.add(
        Finding.of(
                DmarcCodes.MISSING,
                domain,
                "No DMARC record at _dmarc."
                    + domain
                    + (org.equals(domain) ? "" : " nor at _dmarc." + org)
                    + ": receivers apply no policy and anyone can send mail that claims to come from "
                    + domain
                    + ".")
            .withRemediation(
                "Start in monitoring mode and read the aggregate reports:\n"
                    + suggested
                    + "\nThen tighten step by step: p=none → p=quarantine → p=reject."));
  }

  private static void found(
      CheckContext ctx, String domain, DmarcDiscovery.Outcome o, CheckResult.Builder out) {
    String raw = o.records().get(0);
    String owner = "_dmarc." + o.foundAt();
    out.fact("foundAt", owner);
    out.fact("record", raw);
    DmarcParser.Result parsed = DmarcParser.parse(raw);
    for (DmarcParser.Error e : parsed.errors()) {
      out.add(
          Finding.of(
                  DmarcCodes.SYNTAX,
                  owner,
                  "The DMARC record at "
                      + owner
                      + " has an error "
                      + e
                      + "."
                      + (e.fatal()
                          ? " Receivers ignore the whole record."
                          : " Receivers use the tag's default."))
              .withSeverity(e.fatal() ? Severity.FAIL : Severity.WARN)
              .withRemediation(
                  e.fatal()
                      ? "Publish a valid record, e.g. "
                          + owner
                          + ". IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@"
                          + o.foundAt()
                          + "\""
                      : "Fix or remove the tag.")
              .withEvidence(raw));
    }
    if (!parsed.usable()) {
      return;
    }
    DmarcRecord r = parsed.record().orElseThrow();
    boolean inherited = o.inherited();
    Policy applied = inherited ? r.effectiveSubdomainPolicy() : r.policy();
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("p", r.policy().id());
    policy.put("sp", r.effectiveSubdomainPolicy().id());
    policy.put("np", r.effectiveNonexistentPolicy().id());
    policy.put("pct", r.percent());
    policy.put("adkim", r.dkimAlignment().id());
    policy.put("aspf", r.spfAlignment().id());
    policy.put("rua", r.rua().stream().map(ReportUri::uri).toList());
    policy.put("ruf", r.ruf().stream().map(ReportUri::uri).toList());
    out.fact("policy", policy);
    out.fact("appliedPolicy", applied.id());
    out.fact("subdomainPolicy", r.effectiveSubdomainPolicy().id());
    if (inherited) {
      out.add(
          Finding.of(
                  DmarcCodes.INHERITED,
                  domain,
                  domain
                      + " has no DMARC record of its own; the record at "
                      + owner
                      + " applies, with its subdomain"
                      + " policy sp="
                      + r.effectiveSubdomainPolicy().id()
                      + " (non-existent names: np="
                      + r.effectiveNonexistentPolicy().id()
                      + ").")
              .withEvidence(owner + " TXT \"" + raw + "\""));
    }
    if (applied == Policy.NONE) {
      String next =
          withTags(
              raw, Map.of(inherited && r.subdomainPolicy().isPresent() ? "sp" : "p", "quarantine"));
      out.add(
          Finding.of(
                  DmarcCodes.POLICY_NONE,
                  inherited ? domain : owner,
                  "The DMARC policy for "
                      + domain
                      + " is none: receivers report failures but still deliver spoofed"
                      + " mail. This is the first step of none → quarantine → reject.")
              .withRemediation(
                  "When the aggregate reports show that all legitimate mail passes SPF or DKIM aligned,"
                      + " publish:\n"
                      + owner
                      + ". IN TXT \""
                      + next
                      + "\"\nand later p=reject.")
              .withEvidence(raw));
    } else if (!inherited) {
      if (r.subdomainPolicy().orElse(null) == Policy.NONE
          || r.nonexistentPolicy().orElse(null) == Policy.NONE) {
        String tag = r.subdomainPolicy().orElse(null) == Policy.NONE ? "sp" : "np";
        out.add(
            Finding.of(
                    DmarcCodes.SUBDOMAIN_POLICY_NONE,
                    owner,
                    domain
                        + " is protected with p="
                        + r.policy().id()
                        + ", but "
                        + tag
                        + "=none lets anyone spoof "
                        + (tag.equals("sp") ? "its subdomains" : "names under it that do not exist")
                        + ".")
                .withRemediation(
                    "Unless a subdomain is still being brought into line, drop "
                        + tag
                        + "= or tighten it:\n"
                        + owner
                        + ". IN TXT \""
                        + withTags(raw, Map.of(tag, r.policy().id()))
                        + "\"")
                .withEvidence(raw));
      }
    }
    if (r.percent() < 100 && applied != Policy.NONE) {
      out.add(
          Finding.of(
                  DmarcCodes.PCT_PARTIAL,
                  owner,
                  "pct="
                      + r.percent()
                      + ": the "
                      + applied.id()
                      + " policy applies to only "
                      + r.percent()
                      + "% of failing mail; the rest is handled one step more leniently.")
              .withRemediation(
                  "Raise pct to 100 once reports look clean:\n"
                      + owner
                      + ". IN TXT \""
                      + withTags(raw, Map.of("pct", ""))
                      + "\"")
              .withEvidence(raw));
    }
    if (r.testing()) {
      out.add(
          Finding.of(
                  DmarcCodes.TESTING,
                  owner,
                  "t=y: the policy is in test mode; receivers may apply the next weaker policy.")
              .withEvidence(raw));
    }
    if (!r.unknownTags().isEmpty()) {
      out.add(
          Finding.of(
                  DmarcCodes.UNKNOWN_TAG,
                  owner,
                  "The record has tags DMARC does not define ("
                      + String.join(", ", r.unknownTags())
                      + "); receivers ignore them. Check for typos.")
              .withEvidence(raw));
    }
    if (r.rua().isEmpty()) {
      out.add(
          Finding.of(
                  DmarcCodes.NO_RUA,
                  owner,
                  "The record has no rua= address, so nobody receives aggregate reports about mail sent as "
                      + domain
                      + "; without them a stricter policy cannot be deployed safely.")
              .withRemediation(
                  owner
                      + ". IN TXT \""
                      + withTags(raw, Map.of("rua", "mailto:dmarc-reports@" + o.foundAt()))
                      + "\""));
    }
    reportDestinations(ctx, o.foundAt(), r, out);
    if ((applied == Policy.REJECT || applied == Policy.QUARANTINE)
        && r.percent() == 100
        && !out.has(DmarcCodes.SUBDOMAIN_POLICY_NONE.id())
        && out.worst() != Severity.FAIL) {
      out.add(
          Finding.of(
                  DmarcCodes.OK,
                  domain,
                  "DMARC policy "
                      + applied.id()
                      + " applies to all failing mail from "
                      + domain
                      + (inherited ? " (inherited from " + o.foundAt() + ")." : "."))
              .withRemediation(
                  applied == Policy.QUARANTINE
                      ? "When quarantined mail turns out to be only spoofing, move on to p=reject."
                      : ""));
    }
  }

  /**
   * RFC 7489 §7.1: external destinations must authorize reports, and every destination must take
   * mail.
   */
  private static void reportDestinations(
      CheckContext ctx, String policyDomain, DmarcRecord r, CheckResult.Builder out) {
    Set<String> domains = new LinkedHashSet<>();
    for (ReportUri u : concat(r.rua(), r.ruf())) {
      if (!u.domain().isEmpty()) {
        domains.add(u.domain());
      }
    }
    String org = OrgDomain.of(policyDomain);
    List<Map<String, Object>> facts = new ArrayList<>();
    for (String dest : domains) {
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("domain", dest);
      boolean external = !OrgDomain.of(dest).equals(org);
      fact.put("external", external);
      if (external) {
        String name = policyDomain + "._report._dmarc." + dest;
        DnsAnswer a = ctx.dns().query(name, Type.TXT);
        if (a.isFailure()) {
          out.add(DnsCodes.failure(a, "the report authorization of " + dest));
          fact.put("authorized", "unknown");
        } else {
          boolean ok = a.txtJoined().stream().anyMatch(DmarcParser::isDmarc);
          fact.put("authorized", ok);
          if (!ok) {
            out.add(
                Finding.of(
                        DmarcCodes.RUA_UNAUTHORIZED,
                        dest,
                        "Reports for "
                            + policyDomain
                            + " go to "
                            + dest
                            + ", outside its organizational domain, but "
                            + name
                            + " publishes no v=DMARC1 record authorizing them; receivers will not send these"
                            + " reports.")
                    .withRemediation(
                        "The operator of "
                            + dest
                            + " publishes (or a wildcard *._report._dmarc."
                            + dest
                            + " covers):\n"
                            + name
                            + ". IN TXT \"v=DMARC1\"")
                    .withEvidence(name + " TXT " + a.status()));
          }
        }
      }
      DnsAnswer mx = ctx.dns().query(dest, Type.MX);
      if (mx.isFailure()) {
        out.add(DnsCodes.failure(mx, "the MX records of report destination " + dest));
      } else {
        boolean nullMx = mx.mx().stream().anyMatch(m -> m.getTarget().toString().equals("."));
        boolean accepts = !nullMx && !mx.mx().isEmpty();
        if (!accepts && !nullMx && mx.status() != DnsStatus.NXDOMAIN) {
          DnsAnswer addr = ctx.dns().query(dest, Type.A);
          DnsAnswer addr6 = ctx.dns().query(dest, Type.AAAA);
          accepts =
              addr.hasRecords() || addr6.hasRecords() || addr.isFailure() || addr6.isFailure();
        }
        fact.put("acceptsMail", accepts);
        if (!accepts) {
          out.add(
              Finding.of(
                      DmarcCodes.RUA_UNDELIVERABLE,
                      dest,
                      "Report address domain "
                          + dest
                          + (mx.status() == DnsStatus.NXDOMAIN
                              ? " does not exist"
                              : nullMx ? " publishes a null MX" : " has no MX and no address")
                          + ", so reports sent there bounce.")
                  .withRemediation(
                      "Send reports to a mailbox whose domain receives mail, e.g. rua=mailto:dmarc-reports@"
                          + policyDomain
                          + ".")
                  .withEvidence(dest + " MX " + mx.status()));
        }
      }
      facts.add(fact);
    }
    if (!facts.isEmpty()) {
      out.fact("reportDestinations", facts);
    }
  }

  private static List<ReportUri> concat(List<ReportUri> a, List<ReportUri> b) {
    List<ReportUri> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * The record with some tags replaced or added (an empty value removes the tag); v= stays first.
   */
  static String withTags(String raw, Map<String, String> changes) {
    TagList t = TagList.parse(raw);
    Map<String, String> tags =
        new LinkedHashMap<>(t.ok() ? t.tags() : Map.of("v", "DMARC1", "p", "none"));
    for (Map.Entry<String, String> c : changes.entrySet()) {
      if (c.getValue().isEmpty()) {
        tags.remove(c.getKey());
      } else if (tags.containsKey(c.getKey())) {
        tags.put(c.getKey(), c.getValue());
      } else if (c.getKey().equals("sp") || c.getKey().equals("np")) {
        Map<String, String> reordered = new LinkedHashMap<>();
        tags.forEach(
            (k, v) -> {
              reordered.put(k, v);
              if (k.equals("p")) {
                reordered.put(c.getKey(), c.getValue());
              }
            });
        tags = reordered;
      } else {
        tags.put(c.getKey(), c.getValue());
      }
    }
    List<String> parts = new ArrayList<>();
    tags.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join("; ", parts);
  }
}
