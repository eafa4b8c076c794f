package io.mxray.core.insight;

import io.mxray.core.dkim.DkimKeyRecord;
import io.mxray.core.dmarc.DmarcDiscovery;
import io.mxray.core.dmarc.DmarcParser;
import io.mxray.core.dmarc.DmarcRecord;
import io.mxray.core.dmarc.OrgDomain;
import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.finding.Finding;
import io.mxray.core.insight.DmarcInsight.Category;
import io.mxray.core.insight.DmarcInsight.Day;
import io.mxray.core.insight.DmarcInsight.PolicyStep;
import io.mxray.core.insight.DmarcInsight.Source;
import io.mxray.core.insight.DmarcInsight.Verdict;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfRequest;
import io.mxray.core.spf.SpfResult;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * Judges a domain's DMARC readiness from its aggregate reports and its DNS as it is now.
 *
 * <p>Each source (IP) is put in one {@link Category}: aligned; fixed since (the current SPF record
 * authorises it); a third party authenticating as itself; the domain's own DKIM failing; forwarded
 * (the report's override reason says so); or authenticating as nobody — then a source sending at
 * least {@link #MATTERS_SHARE} % of the mail is "not in SPF" (check whether it is yours) and a
 * smaller one "unauthenticated" (likely spoofing). Third parties, broken DKIM and not-in-SPF
 * sources block the next step; each gets a fix naming what to publish, and a proposed SPF record is
 * evaluated as if published before it is offered.
 */
public final class DmarcInsightAnalyzer {

  /** Sources whose reverse DNS, SPF and DKIM keys are looked up (by volume). */
  public static final int MAX_LOOKED_UP = 50;

  /** A source authenticating as nobody with at least this share of the mail may be the owner's. */
  public static final double MATTERS_SHARE = 1.0;

  private final DnsClient dns;
  private final Clock clock;

  public DmarcInsightAnalyzer(DnsClient dns, Clock clock) {
    this.dns = new CachingDnsClient(dns, clock);
    this.clock = clock;
  }

  /** Accumulates one source over every report of the period. */
  private static final class Acc {
    final String ip;
    long messages;
    long pass;
    long spfPass;
    long dkimPass;
    long forwarded;
    final Set<String> headerFrom = new LinkedHashSet<>();
    final Set<String> envelopeFrom = new LinkedHashSet<>();
    final Map<String, Long> dkim = new LinkedHashMap<>(); // "domain result" -> messages
    final Map<String, Long> dkimSelectors = new LinkedHashMap<>(); // "selector domain" aligned
    final Map<String, Long> spf = new LinkedHashMap<>();
    final Set<String> reasons = new LinkedHashSet<>();

    Acc(String ip) {
      this.ip = ip;
    }
  }

  public DmarcInsight analyze(
      String domain, List<AggregateReport> reports, Instant from, Instant to) {
    String d = domain.toLowerCase(Locale.ROOT);
    List<Finding> findings = new ArrayList<>();
    Map<String, Acc> byIp = new LinkedHashMap<>();
    Set<String> reporters = new LinkedHashSet<>();
    TreeMap<LocalDate, long[]> days = new TreeMap<>();
    long total = 0;
    long pass = 0;
    long spfPass = 0;
    long dkimPass = 0;
    for (AggregateReport r : reports) {
      reporters.add(r.orgName());
      LocalDate day = LocalDate.ofInstant(r.dateRange().begin(), ZoneOffset.UTC);
      for (Row row : r.records()) {
        Acc a = byIp.computeIfAbsent(row.sourceIp(), Acc::new);
        long n = row.count();
        a.messages += n;
        total += n;
        long[] dd = days.computeIfAbsent(day, k -> new long[2]);
        if (row.dmarcPass()) {
          a.pass += n;
          pass += n;
          dd[0] += n;
        } else {
          dd[1] += n;
        }
        if ("pass".equals(row.spfAligned())) {
          a.spfPass += n;
          spfPass += n;
        }
        if ("pass".equals(row.dkimAligned())) {
          a.dkimPass += n;
          dkimPass += n;
        }
        if (!row.headerFrom().isEmpty()) {
          a.headerFrom.add(row.headerFrom());
        }
        if (!row.envelopeFrom().isEmpty()) {
          a.envelopeFrom.add(row.envelopeFrom());
        }
        for (var k : row.dkim()) {
          a.dkim.merge(k.domain() + " " + k.result(), n, Long::sum);
          if (!k.domain().isEmpty()
              && !k.selector().isEmpty()
              && OrgDomain.sameOrganization(k.domain(), d)) {
            a.dkimSelectors.merge(k.selector() + " " + k.domain(), n, Long::sum);
          }
        }
        for (var s : row.spf()) {
          a.spf.merge(s.domain() + " " + s.result(), n, Long::sum);
          if (row.envelopeFrom().isEmpty()
              && !s.domain().isEmpty()
              && (s.scope().isEmpty() || s.scope().equals("mfrom"))) {
            a.envelopeFrom.add(s.domain());
          }
        }
        for (var x : row.reasons()) {
          a.reasons.add(x.type());
          if (!row.dmarcPass()
              && Set.of("forwarded", "mailing_list", "trusted_forwarder").contains(x.type())) {
            a.forwarded += n;
          }
        }
      }
    }
    // The policy now.
    String record = "";
    Optional<DmarcRecord> policy = Optional.empty();
    DmarcDiscovery.Outcome found = DmarcDiscovery.discover(dns, d, DmarcDiscovery.Mode.ORG_DOMAIN);
    if (found.kind() == DmarcDiscovery.Kind.FOUND) {
      record = found.records().get(0);
      policy = DmarcParser.parse(record).record();
    } else if (found.kind() == DmarcDiscovery.Kind.FAILED) {
      findings.add(
          Finding.of(
              InsightCodes.DNS_UNAVAILABLE,
              "_dmarc." + d,
              "The DMARC record of " + d + " could not be read now."));
    }
    String current =
        policy
            .map(p -> "p=" + p.policy().id() + (p.percent() < 100 ? "; pct=" + p.percent() : ""))
            .orElse("");
    if (total == 0) {
      findings.add(
          Finding.of(
                  InsightCodes.NO_REPORTS,
                  d,
                  "No aggregate report about " + d + " covers " + from + " – " + to + ".")
              .withRemediation(
                  record.contains("rua=")
                      ? ""
                      : "Ask for reports: add rua=mailto:dmarc@" + d + " to the DMARC record."));
      return new DmarcInsight(
          d,
          from,
          to,
          reports.size(),
          List.copyOf(reporters),
          0,
          0,
          0,
          0,
          record,
          current,
          Verdict.NO_DATA,
          "",
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          findings);
    }
    List<Acc> ordered = new ArrayList<>(byIp.values());
    ordered.sort((x, y) -> Long.compare(y.messages, x.messages));
    String spfRecordNow = spfRecord(d);
    boolean dnsTrouble = false;
    List<Source> sources = new ArrayList<>();
    int looked = 0;
    for (Acc a : ordered) {
      double share = 100.0 * a.messages / total;
      boolean check = looked < MAX_LOOKED_UP;
      if (check) {
        looked++;
      }
      Source s = source(d, a, share, check, spfRecordNow);
      dnsTrouble |= s.spfNow().equals("temperror");
      sources.add(s);
    }
    if (dnsTrouble) {
      findings.add(
          Finding.of(
              InsightCodes.DNS_UNAVAILABLE,
              d,
              "SPF of " + d + " could not be evaluated for some sources now (temperror)."));
    }
    // Findings per source, and the verdict.
    List<String> blocking = new ArrayList<>();
    long forwardedMsgs = 0;
    long spoofMsgs = 0;
    List<String> spoofIps = new ArrayList<>();
    for (Source s : sources) {
      switch (s.category()) {
        case THIRD_PARTY, DKIM_BROKEN, NOT_IN_SPF -> {
          blocking.add(s.ip());
          InsightCodes code =
              s.category() == Category.THIRD_PARTY
                  ? InsightCodes.UNALIGNED_THIRD_PARTY
                  : s.category() == Category.DKIM_BROKEN
                      ? InsightCodes.DKIM_BROKEN
                      : InsightCodes.NOT_IN_SPF;
          Finding f =
              Finding.of(code, s.ip(), describe(s, d))
                  .withRemediation(s.fix())
                  .withEvidence(evidence(s));
          findings.add(f);
        }
        case FIXED_SINCE ->
            findings.add(
                Finding.of(
                    InsightCodes.FIXED_SINCE,
                    s.ip(),
                    name(s)
                        + " failed DMARC for "
                        + (s.messages() - s.dmarcPass())
                        + " message(s) in the reports, but "
                        + d
                        + "'s SPF record authorises it now ("
                        + s.spfNowMatch()
                        + ")."));
        case FORWARDED -> forwardedMsgs += s.messages() - s.dmarcPass();
        case UNAUTHENTICATED -> {
          spoofMsgs += s.messages() - s.dmarcPass();
          if (spoofIps.size() < 10) {
            spoofIps.add(s.ip());
          }
        }
        default -> {}
      }
    }
    if (forwardedMsgs > 0) {
      findings.add(
          Finding.of(
              InsightCodes.FORWARDED,
              d,
              forwardedMsgs
                  + " message(s) failed through forwarders or mailing lists; receivers that trust the"
                  + " forwarder's ARC seal may still deliver them."));
    }
    if (spoofMsgs > 0) {
      findings.add(
          Finding.of(
                  InsightCodes.UNAUTHENTICATED,
                  d,
                  spoofMsgs
                      + " message(s) from sources that authenticate as nobody, each under "
                      + MATTERS_SHARE
                      + " % of the mail: most likely spoofing, which a stricter policy stops.")
              .withEvidence(spoofIps));
    }
    String next =
        policy
            .map(
                p ->
                    p.percent() < 100
                        ? "p=" + p.policy().id() + "; pct=100"
                        : p.policy().next().map(x -> "p=" + x.id()).orElse(""))
            .orElse("p=none");
    Verdict verdict = blocking.isEmpty() ? Verdict.READY : Verdict.NOT_READY;
    if (verdict == Verdict.READY) {
      findings.add(
          Finding.of(
              InsightCodes.READY,
              d,
              next.isEmpty()
                  ? d + " enforces p=reject and every source that sends as it passes DMARC."
                  : "Every source that sends as "
                      + d
                      + " passes aligned SPF or DKIM (or is fixed now): "
                      + next
                      + " is safe."));
    } else {
      long lost =
          sources.stream()
              .filter(s -> blocking.contains(s.ip()))
              .mapToLong(s -> s.messages() - s.dmarcPass())
              .sum();
      findings.add(
          Finding.of(
                  InsightCodes.NOT_READY,
                  d,
                  blocking.size()
                      + " source(s) sending "
                      + lost
                      + " message(s) ("
                      + pct(lost, total)
                      + " of the mail) would fail DMARC"
                      + (next.isEmpty() ? "" : " under " + next)
                      + ": "
                      + String.join(", ", blocking.subList(0, Math.min(10, blocking.size())))
                      + ".")
              .withRemediation(
                  "Fix each source named in the insight findings of this report first."));
    }
    List<PolicyStep> steps = steps(d, sources, policy, total);
    List<Day> dayList = new ArrayList<>();
    days.forEach((k, v) -> dayList.add(new Day(k, v[0], v[1])));
    return new DmarcInsight(
        d,
        from,
        to,
        reports.size(),
        List.copyOf(reporters),
        total,
        pass,
        spfPass,
        dkimPass,
        record,
        current,
        verdict,
        next,
        sources,
        blocking,
        steps,
        dayList,
        findings);
  }

  private static String name(Source s) {
    return s.ptr().isEmpty() ? s.ip() : s.ip() + " (" + s.ptr() + ")";
  }

  private static String describe(Source s, String d) {
    String base =
        name(s)
            + " sends "
            + String.format(Locale.ROOT, "%.1f %%", s.share())
            + " of "
            + d
            + "'s mail ("
            + s.messages()
            + " message(s), "
            + (s.messages() - s.dmarcPass())
            + " failing DMARC)";
    return switch (s.category()) {
      case THIRD_PARTY ->
          base
              + " and authenticates as "
              + String.join(", ", authenticatedAs(s))
              + ", not as "
              + d
              + ".";
      case DKIM_BROKEN -> base + "; its DKIM signatures for " + d + " fail.";
      default ->
          base
              + " and is not in "
              + d
              + "'s SPF"
              + (s.spfNow().isEmpty() ? "" : " (now: " + s.spfNow() + ")")
              + ", nor does it sign with DKIM for "
              + d
              + ".";
    };
  }

  private static List<String> authenticatedAs(Source s) {
    List<String> out = new ArrayList<>();
    s.dkimDomains().stream()
        .filter(x -> x.endsWith(" pass"))
        .forEach(x -> out.add("DKIM d=" + x.substring(0, x.length() - 5)));
    s.spfDomains().stream()
        .filter(x -> x.endsWith(" pass"))
        .forEach(x -> out.add("SPF " + x.substring(0, x.length() - 5)));
    return out;
  }

  private static List<String> evidence(Source s) {
    List<String> ev = new ArrayList<>();
    s.dkimDomains().forEach(x -> ev.add("dkim " + x));
    s.spfDomains().forEach(x -> ev.add("spf " + x));
    s.dkimKeysNow().forEach(x -> ev.add("key now: " + x));
    if (!s.spfNow().isEmpty()) {
      ev.add(
          "SPF now: "
              + s.spfNow()
              + (s.spfNowMatch().isEmpty() ? "" : " (" + s.spfNowMatch() + ")"));
    }
    return ev;
  }

  private Source source(String d, Acc a, double share, boolean check, String spfRecordNow) {
    List<String> dkimDomains = a.dkim.keySet().stream().toList();
    List<String> spfDomains = a.spf.keySet().stream().toList();
    boolean allPass = a.pass == a.messages;
    String ptr = "";
    String spfNow = "";
    String spfMatch = "";
    List<String> keysNow = new ArrayList<>();
    Optional<InetAddress> ip = Addresses.parse(a.ip);
    String envelope =
        a.envelopeFrom.stream().filter(e -> OrgDomain.sameOrganization(e, d)).findFirst().orElse(d);
    if (check && ip.isPresent()) {
      ptr = ptr(ip.get());
      if (!allPass) {
        SpfEvaluation e =
            new SpfEvaluator(dns)
                .checkHost(SpfRequest.forDomain(ip.get(), envelope, "postmaster@" + envelope, ""));
        spfNow = e.result().name().toLowerCase(Locale.ROOT);
        spfMatch = e.mechanism().orElse("");
        for (String sel : a.dkimSelectors.keySet()) {
          String[] p = sel.split(" ", 2);
          keysNow.add(p[0] + "._domainkey." + p[1] + " " + keyState(p[0] + "._domainkey." + p[1]));
        }
      }
    }
    boolean thirdPartyAuth =
        a.dkim.keySet().stream().anyMatch(k -> k.endsWith(" pass") && !aligned(k, d))
            || a.spf.keySet().stream().anyMatch(k -> k.endsWith(" pass") && !aligned(k, d));
    boolean ownDkimFails =
        a.dkim.keySet().stream().anyMatch(k -> aligned(k, d) && !k.endsWith(" pass"))
            && a.dkimPass < a.messages;
    Category c;
    if (allPass) {
      c = Category.ALIGNED;
    } else if (a.forwarded * 2 >= a.messages - a.pass) {
      c = Category.FORWARDED;
    } else if (spfNow.equals("pass")) {
      c = Category.FIXED_SINCE;
    } else if (ownDkimFails && !thirdPartyAuth) {
      c = Category.DKIM_BROKEN;
    } else if (thirdPartyAuth) {
      c = Category.THIRD_PARTY;
    } else if (share >= MATTERS_SHARE) {
      c = Category.NOT_IN_SPF;
    } else {
      c = Category.UNAUTHENTICATED;
    }
    String fix = "";
    String proposed = "";
    boolean proposedPasses = false;
    if (c == Category.THIRD_PARTY || c == Category.NOT_IN_SPF || c == Category.DKIM_BROKEN) {
      String include = "";
      if (check && ip.isPresent() && c != Category.DKIM_BROKEN) {
        include = includeFor(ip.get(), a, d);
        String term =
            include.isEmpty()
                ? (ip.get() instanceof java.net.Inet6Address ? "ip6:" : "ip4:") + a.ip
                : include;
        // The record is proposed for the envelope domain the source uses (the domain itself when
        // the source sends with a foreign bounce domain: that is where a custom Return-Path goes).
        proposed = propose(envelope.equals(d) ? spfRecordNow : spfRecord(envelope), term);
        proposedPasses = passesWith(envelope, proposed, ip.get());
      }
      fix = fix(c, a, d, include, proposed, proposedPasses);
    }
    List<String> reasons = List.copyOf(a.reasons);
    return new Source(
        a.ip,
        ptr,
        a.messages,
        share,
        a.pass,
        a.spfPass,
        a.dkimPass,
        List.copyOf(a.headerFrom),
        List.copyOf(a.envelopeFrom),
        dkimDomains,
        spfDomains,
        reasons,
        c,
        spfNow,
        spfMatch,
        keysNow,
        check,
        fix,
        proposed,
        proposedPasses);
  }

  private static boolean aligned(String domainAndResult, String d) {
    String dom = domainAndResult.split(" ", 2)[0];
    return !dom.isEmpty() && OrgDomain.sameOrganization(dom, d);
  }

  private static String fix(
      Category c, Acc a, String d, String include, String proposed, boolean passes) {
    String spfPart =
        proposed.isEmpty()
            ? ""
            : "publish the SPF record \""
                + proposed
                + "\" for "
                + d
                + (passes
                    ? ""
                    : " (it does not pass for this source yet: check the lookup budget)");
    List<String> vendorDkim =
        a.dkim.keySet().stream()
            .filter(k -> k.endsWith(" pass") && !aligned(k, d))
            .map(k -> k.split(" ", 2)[0])
            .toList();
    List<String> vendorSpf =
        a.spf.keySet().stream()
            .filter(k -> k.endsWith(" pass") && !aligned(k, d))
            .map(k -> k.split(" ", 2)[0])
            .toList();
    return switch (c) {
      case DKIM_BROKEN ->
          "Check the DKIM key"
              + (a.dkimSelectors.isEmpty()
                  ? ""
                  : " at "
                      + String.join(
                          ", ",
                          a.dkimSelectors.keySet().stream()
                              .map(k -> k.replace(" ", "._domainkey."))
                              .toList()))
              + " (publish it if it is missing, rotate it if it was replaced) and that nothing modifies the message after signing.";
      case THIRD_PARTY ->
          "Have this sender sign with DKIM d="
              + d
              + (vendorDkim.isEmpty() ? "" : " instead of d=" + String.join(", ", vendorDkim))
              + " (publish the key it gives you under _domainkey."
              + d
              + ")"
              + (vendorSpf.isEmpty()
                  ? "."
                  : ", or set its envelope sender (Return-Path) to a subdomain of "
                      + d
                      + " instead of "
                      + String.join(", ", vendorSpf)
                      + (include.isEmpty() ? "" : " and add " + include + " to that domain's SPF")
                      + ".");
      default ->
          "If this server sends for you: "
              + (spfPart.isEmpty() ? "add it to " + d + "'s SPF record" : spfPart)
              + ", or have it sign with DKIM d="
              + d
              + ". If it is not yours, a stricter policy will stop it.";
    };
  }

  /** The include: of the service that authenticates the source (its own SPF's matching term). */
  private String includeFor(InetAddress ip, Acc a, String d) {
    for (String k : a.spf.keySet()) {
      if (!k.endsWith(" pass") || aligned(k, d)) {
        continue;
      }
      String vendor = k.split(" ", 2)[0];
      if (vendor.isEmpty()) {
        continue;
      }
      SpfEvaluation e = new SpfEvaluator(dns).checkHost(SpfRequest.forDomain(ip, vendor, "", ""));
      if (e.result() == SpfResult.PASS) {
        String m = e.mechanism().orElse("");
        String term = m.replaceFirst("^[+]", "");
        if (term.startsWith("include:")) {
          return term;
        }
        return "include:" + vendor;
      }
    }
    return "";
  }

  /** The current SPF record with {@code term} added before its final all (or a new record). */
  static String propose(String current, String term) {
    if (current.isEmpty()) {
      return "v=spf1 " + term + " ~all";
    }
    if (current.contains(" " + term + " ") || current.endsWith(" " + term)) {
      return current;
    }
    String[] parts = current.strip().split("\\s+");
    List<String> out = new ArrayList<>();
    boolean inserted = false;
    for (String p : parts) {
      String low = p.toLowerCase(Locale.ROOT);
      if (!inserted && (low.matches("[-~?+]?all") || low.startsWith("redirect="))) {
        out.add(term);
        inserted = true;
      }
      out.add(p);
    }
    if (!inserted) {
      out.add(term);
    }
    return String.join(" ", out);
  }

  private boolean passesWith(String domain, String record, InetAddress ip) {
    SpfEvaluation e =
        new SpfEvaluator(new OverlayDnsClient(dns, domain, record))
            .checkHost(SpfRequest.forDomain(ip, domain, "", ""));
    return e.result() == SpfResult.PASS;
  }

  private String spfRecord(String d) {
    DnsAnswer a = dns.query(d, Type.TXT);
    if (a.status() != DnsStatus.NOERROR) {
      return "";
    }
    return a.txtJoined().stream()
        .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=spf1"))
        .findFirst()
        .orElse("");
  }

  private String ptr(InetAddress ip) {
    DnsAnswer a = dns.query(Addresses.reverseName(ip), Type.PTR);
    if (a.status() != DnsStatus.NOERROR) {
      return "";
    }
    return a.records().stream()
        .filter(r -> r instanceof PTRRecord)
        .map(r -> ((PTRRecord) r).getTarget().toString(true).toLowerCase(Locale.ROOT))
        .findFirst()
        .orElse("");
  }

  private String keyState(String name) {
    DnsAnswer a = dns.query(name, Type.TXT);
    if (a.isFailure()) {
      return "not readable (" + a.status().name().toLowerCase(Locale.ROOT) + ")";
    }
    if (a.status() != DnsStatus.NOERROR || a.txtJoined().isEmpty()) {
      return "missing";
    }
    DkimKeyRecord k = DkimKeyRecord.parse(a.txtJoined().get(0));
    if (k.revoked()) {
      return "revoked";
    }
    return k.valid() ? "present" : "invalid";
  }

  private List<PolicyStep> steps(
      String d, List<Source> sources, Optional<DmarcRecord> policy, long total) {
    long failing = 0;
    long wanted = 0;
    for (Source s : sources) {
      long f = s.messages() - s.dmarcPass();
      failing += f;
      if (s.category() != Category.UNAUTHENTICATED && s.category() != Category.ALIGNED) {
        wanted += f;
      }
    }
    List<PolicyStep> out = new ArrayList<>();
    if (policy.isPresent()
        && policy.get().percent() < 100
        && policy.get().policy() != DmarcRecord.Policy.NONE) {
      int pct = policy.get().percent();
      out.add(
          new PolicyStep(
              "p=" + policy.get().policy().id() + "; pct=" + pct + " (now)",
              policy.get().policy().id(),
              failing * pct / 100,
              wanted * pct / 100,
              100.0 * failing * pct / 100 / total));
    }
    out.add(new PolicyStep("p=none", "none", 0, 0, 0));
    out.add(new PolicyStep("p=quarantine", "quarantine", failing, wanted, 100.0 * failing / total));
    out.add(new PolicyStep("p=reject", "reject", failing, wanted, 100.0 * failing / total));
    return out;
  }

  static String pct(long part, long whole) {
    return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  Clock clock() {
    return clock;
  }
}
