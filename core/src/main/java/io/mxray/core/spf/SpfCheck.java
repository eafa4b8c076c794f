package io.mxray.core.spf;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * Lints a domain's SPF record (RFC 7208): presence, uniqueness, syntax, the include/redirect tree
 * with its §4.6.4 lookup and void-lookup budgets, the all mechanism, ptr, sizes, the retired type
 * 99. Findings carry the record to publish where it can be computed (e.g. a flattened record when
 * over the limit).
 */
public final class SpfCheck implements Check {

  public static final CheckId ID = CheckId.of("spf");

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "Sender Policy Framework (SPF)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    return audit(ctx.dns(), ctx.domain(), Optional.empty());
  }

  /**
   * Audits {@code domain}; {@code draft}, when present, is a record's TXT strings to lint as if
   * published at the domain (includes are still looked up).
   */
  public CheckResult audit(DnsClient dns, String domain, Optional<List<String>> draft) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    List<List<String>> spf = new ArrayList<>();
    List<String> published = List.of();
    if (draft.isPresent()) {
      spf.add(draft.get());
      out.fact("draft", true);
    } else {
      DnsAnswer txt = dns.query(domain, Type.TXT);
      if (txt.isFailure()) {
        return out.add(
                Finding.of(
                        SpfCodes.LOOKUP_TIMEOUT,
                        domain,
                        "Could not look up the TXT records of "
                            + domain
                            + " ("
                            + txt.status()
                            + "); whether it publishes SPF is unknown, not missing.")
                    .withRemediation(
                        "Retry later or with another resolver (--resolver); check that the domain's name"
                            + " servers answer TXT queries.")
                    .withEvidence(SpfDomains.describe(txt)))
            .build();
      }
      published = txt.txtJoined();
      for (List<String> s : txt.txtStrings()) {
        if (SpfRecord.isSpf(String.join("", s))) {
          spf.add(s);
        }
      }
      DnsAnswer type99 = dns.query(domain, Type.SPF);
      if (type99.hasRecords()) {
        out.add(
            Finding.of(
                    SpfCodes.DEPRECATED_RR_TYPE,
                    domain,
                    domain
                        + " publishes a type 99 (SPF) record. RFC"
                        + " 7208 §3.1 retired that type; receivers only read TXT, so it is dead weight that can drift"
                        + " out of sync with the TXT record.")
                .withRemediation("Delete the SPF-type record and keep only the TXT record.")
                .withEvidence(type99.txtJoined()));
      }
    }
    if (spf.isEmpty()) {
      missing(dns, domain, out, nearMisses(published));
      return out.build();
    }
    if (spf.size() > 1) {
      List<String> texts = spf.stream().map(s -> String.join("", s)).toList();
      out.add(
          Finding.of(
                  SpfCodes.MULTIPLE,
                  domain,
                  domain
                      + " publishes "
                      + spf.size()
                      + " SPF records; RFC 7208"
                      + " §4.5 makes every check a permerror, so receivers treat its mail as unauthenticated.")
              .withRemediation(
                  "Publish exactly one record that lists every sender"
                      + SpfFlattening.merge(texts)
                          .map(m -> ", e.g.\n" + domain + ". IN TXT " + SpfLint.quoted(m))
                          .orElse(".")
                      + "\nand delete the others.")
              .withEvidence(texts));
      out.fact("records", texts);
      return out.build();
    }
    List<String> strings = spf.get(0);
    String text = String.join("", strings);
    out.fact("record", text);
    SpfParser.Parse parse = SpfParser.parse(text);
    if (!parse.ok()) {
      SpfSyntaxError e = parse.error().orElseThrow();
      out.add(
          Finding.of(
                  e.macro() ? SpfCodes.MACRO_INVALID : SpfCodes.SYNTAX,
                  domain,
                  "The SPF record of "
                      + domain
                      + " does not parse "
                      + e
                      + "; every check ends in permerror.")
              .withRemediation(
                  "Correct or remove the term '"
                      + e.term()
                      + "'"
                      + (e.macro()
                          ? " (write '%%' for a literal '%'; macros look like %{d} or %{ir})."
                          : "."))
              .withEvidence(text, " ".repeat(Math.min(e.position(), text.length())) + "^"));
      return out.build();
    }
    SpfRecord rec = parse.record().orElseThrow();
    out.addAll(SpfLint.lint(domain, rec, strings));
    SpfTree.Walk walk = SpfTree.walk(dns, domain, Optional.of(strings));
    SpfTree tree = walk.root();
    if (!walk.failedLookups().isEmpty()) {
      out.add(
          Finding.of(
                  SpfCodes.LOOKUP_TIMEOUT,
                  domain,
                  "Some names the record refers to could not be looked up;"
                      + " the hosts they authorise are unknown (receivers would get temperror), not missing.")
              .withRemediation(
                  "Retry later; if it persists, check the name servers of the names below.")
              .withEvidence(walk.failedLookups()));
    }
    out.fact("lookups", tree.lookups());
    out.fact("voidLookups", tree.voidLookups());
    out.fact("tree", tree.facts());
    branches(tree, out);
    budgets(domain, tree, out);
    if (!out.worst().isWorseThan(Severity.INFO)) {
      out.add(
          Finding.of(
              SpfCodes.OK,
              domain,
              "One valid SPF record; "
                  + tree.lookups()
                  + " of 10 DNS-querying"
                  + " terms and "
                  + tree.voidLookups()
                  + " of 2 void lookups used."));
    }
    return out.build();
  }

  /**
   * TXT records that were probably meant as SPF but are not ("v=spf1;", "v=spf2.0 ...", " v=spf1").
   */
  private static List<String> nearMisses(List<String> txts) {
    return txts.stream()
        .filter(
            t ->
                t.strip().toLowerCase(Locale.ROOT).startsWith("v=spf")
                    || t.toLowerCase(Locale.ROOT).startsWith("spf1"))
        .toList();
  }

  private static void missing(
      DnsClient dns, String domain, CheckResult.Builder out, List<String> nearMisses) {
    if (!nearMisses.isEmpty()) {
      out.add(
          Finding.of(
                  SpfCodes.SYNTAX,
                  domain,
                  "A TXT record of "
                      + domain
                      + " looks like SPF but is not one:"
                      + " an SPF record starts with exactly \"v=spf1\" followed by a space or the end (§4.5), so receivers"
                      + " ignore it and see no SPF at all.")
              .withRemediation(
                  "Rewrite it to start with \"v=spf1 \" (no leading space, no ';' or ',', and"
                      + " v=spf2.0 is Sender ID, which nobody checks).")
              .withEvidence(nearMisses));
      return;
    }
    DnsAnswer mx = dns.query(domain, Type.MX);
    boolean nullMx = mx.mx().size() == 1 && mx.mx().get(0).getTarget().toString().equals(".");
    if (mx.status().isAbsent() || nullMx) {
      out.add(
          Finding.of(
                  SpfCodes.PARKED_DOMAIN,
                  domain,
                  domain
                      + " publishes no SPF record and "
                      + (nullMx ? "a null MX" : "no MX records")
                      + ", so it looks like it neither receives nor sends mail;"
                      + " without SPF anyone can send mail in its name.")
              .withRemediation(
                  "Say that it sends no mail:\n"
                      + domain
                      + ". IN TXT \"v=spf1 -all\"\n_dmarc."
                      + domain
                      + ". IN TXT \"v=DMARC1; p=reject\""));
      return;
    }
    out.add(
        Finding.of(
                SpfCodes.MISSING,
                domain,
                domain
                    + " publishes no SPF record: receivers get the result"
                    + " none and cannot tell its mail from forgeries.")
            .withRemediation(
                "Publish one TXT record listing the hosts and services that send as "
                    + domain
                    + ", e.g. if only its MX hosts send:\n"
                    + domain
                    + ". IN TXT \"v=spf1 mx -all\"\n(add include: terms for"
                    + " mail services you use, and ~all instead of -all while you test)."));
  }

  /**
   * Findings for problems below the root: missing targets, loops, broken or unreachable included
   * records.
   */
  private static void branches(SpfTree root, CheckResult.Builder out) {
    walk(root, root.domain(), out);
  }

  private static void walk(SpfTree node, String parent, CheckResult.Builder out) {
    for (SpfTree c : node.children()) {
      c.problem().ifPresent(p -> out.add(branchFinding(c, node.domain(), p)));
      walk(c, c.domain(), out);
    }
  }

  private static Finding branchFinding(SpfTree c, String parent, SpfCodes p) {
    String where = "'" + c.term() + "' in the record of " + parent;
    return switch (p) {
      case INCLUDE_MISSING, REDIRECT_MISSING ->
          Finding.of(
                  p,
                  c.domain(),
                  where
                      + ": "
                      + c.detail()
                      + ". Every evaluation that reaches it ends in permerror.")
              .withRemediation(
                  "Check the name for a typo, or remove '"
                      + c.term()
                      + "' if that service is no longer"
                      + " used.");
      case REDIRECT_LOOP ->
          Finding.of(p, c.domain(), where + " " + c.detail() + "; evaluation ends in permerror.")
              .withRemediation("Remove '" + c.term() + "' from " + parent + ".");
      case LOOKUP_TIMEOUT ->
          Finding.of(
                  p,
                  c.domain(),
                  where
                      + ": "
                      + c.detail()
                      + "; what it authorises is unknown (temperror), not missing.")
              .withRemediation(
                  "Retry later; if it persists, the name servers of "
                      + c.domain()
                      + " are not answering.");
      case TOO_MANY_LOOKUPS ->
          Finding.of(p, c.domain(), where + ": " + c.detail() + ".")
              .withRemediation(
                  "Shorten the include chain; receivers stop after 10 DNS-querying terms.");
      default ->
          Finding.of(p, c.domain(), where + ": " + c.detail() + "; evaluation ends in permerror.")
              .withRemediation(
                  "The owner of "
                      + c.domain()
                      + " must fix its record; until then remove '"
                      + c.term()
                      + "' or expect permerror.")
              .withEvidence(c.record());
    };
  }

  private static void budgets(String domain, SpfTree tree, CheckResult.Builder out) {
    List<String> branches =
        tree.children().stream()
            .sorted(Comparator.comparingInt(SpfTree::lookups).reversed())
            .map(c -> c.term() + " (" + (c.lookups() + 1) + ")")
            .toList();
    if (tree.lookups() > 10) {
      Optional<SpfFlattening.Plan> plan = SpfFlattening.plan(tree, 10);
      String remediation =
          plan.map(
                  pl ->
                      "Flatten "
                          + String.join(", ", pl.replaced())
                          + " into the address blocks"
                          + " they authorise today ("
                          + pl.lookups()
                          + " lookups left):\n"
                          + domain
                          + ". IN TXT "
                          + SpfLint.quoted(pl.record())
                          + "\nFlattened blocks go stale when a provider changes its addresses:"
                          + " re-run mxray spf regularly, or prefer removing includes you no longer use.")
              .orElse(
                  "Remove includes you no longer use, or move some senders to a subdomain with its own record"
                      + " (e.g. mail."
                      + domain
                      + ")"
                      + (branches.isEmpty()
                          ? "; replace a:/mx: terms by ip4:/ip6: blocks."
                          : ". Lookups per branch: " + String.join(", ", branches) + "."));
      out.add(
          Finding.of(
                  SpfCodes.TOO_MANY_LOOKUPS,
                  domain,
                  "Evaluating the record of "
                      + domain
                      + " takes "
                      + tree.lookups()
                      + " DNS-querying terms; RFC 7208 §4.6.4 allows 10, so receivers return permerror"
                      + " for every sender not matched before the limit."
                      + (branches.isEmpty()
                          ? ""
                          : " Per branch: "
                              + String.join(", ", branches)
                              + " (each include/redirect counts 1 plus its own"
                              + " lookups)."))
              .withRemediation(remediation));
    }
    if (tree.voidLookups() >= 2) {
      boolean over = tree.voidLookups() > 2;
      out.add(
          Finding.of(
                  SpfCodes.VOID_LOOKUPS,
                  domain,
                  tree.voidLookups()
                      + " terms look up names that do not exist"
                      + " or have no records ("
                      + String.join(", ", tree.voids())
                      + "); RFC 7208 §4.6.4 allows 2"
                      + (over
                          ? ", so evaluations reaching the third end in permerror."
                          : ": the record is at the limit."))
              .withSeverity(over ? Severity.FAIL : Severity.WARN)
              .withRemediation(
                  "Remove the terms whose names no longer exist: "
                      + String.join(", ", tree.voids())));
    }
  }
}
