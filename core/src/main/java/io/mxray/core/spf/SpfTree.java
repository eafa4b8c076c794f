package io.mxray.core.spf;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.net.Addresses;
import io.mxray.core.net.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * The include/redirect tree of a domain's SPF record, walked statically (every branch, whatever the
 * client address) with per-branch DNS-querying term and void-lookup counts (RFC 7208 §4.6.4). This
 * is what a domain owner acts on: which include costs how many lookups, which target is missing,
 * and which branches could be flattened into ip4:/ip6: terms.
 *
 * @param domain the domain whose record this node is
 * @param via "root", "include" or "redirect"
 * @param term the term that led here (empty for the root)
 * @param record the record text (empty when none)
 * @param strings the record's TXT character-strings as published
 * @param ownLookups DNS-querying terms in this record itself
 * @param lookups DNS-querying terms in this record and everything below it
 * @param voids names in this subtree that answer NXDOMAIN or no data
 * @param children include and redirect targets, in record order
 * @param problem what is wrong with this node, if anything
 * @param detail one line about the problem, or a note ("target depends on the sender")
 * @param networks the address blocks this subtree authorises, if it can be flattened (no macros,
 *     ptr, exists or non-pass qualifiers); empty otherwise
 */
public record SpfTree(
    String domain,
    String via,
    String term,
    String record,
    List<String> strings,
    int ownLookups,
    int lookups,
    List<String> voids,
    List<SpfTree> children,
    Optional<SpfCodes> problem,
    String detail,
    Optional<List<String>> networks) {

  /** Nodes a walk visits at most, so a chain of includes that never ends stays bounded. */
  public static final int MAX_NODES = 64;

  /** Include/redirect depth a walk follows at most. */
  public static final int MAX_DEPTH = 12;

  /**
   * DNS questions a walk asks at most for a/mx/exists targets (a record may hold thousands of
   * terms; an evaluation would stop at 10, the static walk must stop somewhere too). Past it,
   * branches are not resolved and cannot be flattened.
   */
  public static final int MAX_QUERIES = 400;

  public SpfTree {
    strings = List.copyOf(strings);
    voids = List.copyOf(voids);
    children = List.copyOf(children);
  }

  /**
   * A finished walk.
   *
   * @param root the tree
   * @param failedLookups a/mx/exists lookups that failed (timeout, SERVFAIL): what they authorise
   *     is unknown
   */
  public record Walk(SpfTree root, List<String> failedLookups) {
    public Walk {
      failedLookups = List.copyOf(failedLookups);
    }
  }

  /**
   * Walks {@code domain}'s tree; {@code draft}, when given, replaces the root's published TXT
   * strings.
   */
  public static Walk walk(DnsClient dns, String domain, Optional<List<String>> draft) {
    Walker w = new Walker(dns);
    SpfTree root = w.node(SpfDomains.normalize(domain), "root", "", draft, new ArrayList<>());
    return new Walk(root, w.failures);
  }

  public int voidLookups() {
    return voids.size();
  }

  /** Every node of the tree, depth first. */
  public List<SpfTree> flatten() {
    List<SpfTree> out = new ArrayList<>();
    out.add(this);
    for (SpfTree c : children) {
      out.addAll(c.flatten());
    }
    return out;
  }

  /** Plain data for reports: domain, via, term, record, lookups, voids, problem, children. */
  public Map<String, Object> facts() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("domain", domain);
    m.put("via", via);
    m.put("term", term);
    m.put("record", record);
    m.put("ownLookups", ownLookups);
    m.put("lookups", lookups);
    m.put("voidLookups", voids.size());
    m.put("voids", voids);
    m.put("problem", problem.map(SpfCodes::id).orElse(null));
    m.put("detail", detail);
    m.put("children", children.stream().map(SpfTree::facts).toList());
    return m;
  }

  private static final class Walker {
    final DnsClient dns;

    /**
     * DNS lookups of a/mx/exists targets that failed (timeouts, SERVFAIL): unknown, so never void.
     */
    final List<String> failures = new ArrayList<>();

    int nodes;
    int queries;

    Walker(DnsClient dns) {
      this.dns = dns;
    }

    SpfTree node(
        String domain,
        String via,
        String term,
        Optional<List<String>> draft,
        List<String> ancestors) {
      nodes++;
      SpfCodes missing =
          via.equals("include")
              ? SpfCodes.INCLUDE_MISSING
              : via.equals("redirect") ? SpfCodes.REDIRECT_MISSING : SpfCodes.MISSING;
      if (!SpfDomains.valid(domain)) {
        return leaf(
            domain,
            via,
            term,
            missing,
            "'" + SpfDomains.shorten(domain) + "' is not a valid domain name");
      }
      List<List<String>> records = new ArrayList<>();
      if (draft.isPresent()) {
        records.add(draft.get());
      } else {
        DnsAnswer txt = dns.query(domain, Type.TXT);
        if (txt.isFailure()) {
          return leaf(
              domain,
              via,
              term,
              SpfCodes.LOOKUP_TIMEOUT,
              "TXT lookup of " + domain + ": " + txt.status());
        }
        for (List<String> s : txt.txtStrings()) {
          if (SpfRecord.isSpf(String.join("", s))) {
            records.add(s);
          }
        }
      }
      if (records.isEmpty()) {
        return leaf(domain, via, term, missing, domain + " publishes no SPF record");
      }
      if (records.size() > 1) {
        return new SpfTree(
            domain,
            via,
            term,
            String.join(" | ", records.stream().map(s -> String.join("", s)).toList()),
            List.of(),
            0,
            0,
            List.of(),
            List.of(),
            Optional.of(SpfCodes.MULTIPLE),
            domain + " publishes " + records.size() + " SPF records",
            Optional.empty());
      }
      List<String> strings = records.get(0);
      String text = String.join("", strings);
      SpfParser.Parse parse = SpfParser.parse(text);
      if (!parse.ok()) {
        SpfSyntaxError e = parse.error().orElseThrow();
        return new SpfTree(
            domain,
            via,
            term,
            text,
            strings,
            0,
            0,
            List.of(),
            List.of(),
            Optional.of(e.macro() ? SpfCodes.MACRO_INVALID : SpfCodes.SYNTAX),
            e.toString(),
            Optional.empty());
      }
      SpfRecord rec = parse.record().orElseThrow();
      List<String> path = new ArrayList<>(ancestors);
      path.add(domain);
      int own = 0;
      List<String> voids = new ArrayList<>();
      List<SpfTree> children = new ArrayList<>();
      Set<String> nets = new LinkedHashSet<>();
      boolean flat = true;
      List<String> notes = new ArrayList<>();
      for (SpfDirective d : rec.directives()) {
        if (d.mechanism().queriesDns()) {
          own++;
        }
        boolean passing = d.qualifier() == SpfQualifier.PASS;
        switch (d.mechanism()) {
          case ALL -> flat &= !passing || via.equals("root");
          case IP4, IP6 -> {
            flat &= passing;
            nets.add(d.mechanism().id() + ":" + d.network().orElseThrow());
          }
          case INCLUDE -> {
            flat &= passing;
            if (d.hasMacros()) {
              flat = false;
              notes.add("'" + d.text() + "' depends on the sender; not followed");
            } else {
              SpfTree c =
                  follow(
                      SpfDomains.normalize(SpfDomains.truncate(d.domain().orElseThrow().literal())),
                      "include",
                      d.text(),
                      path);
              children.add(c);
              flat &= c.networks.isPresent();
              c.networks.ifPresent(nets::addAll);
            }
          }
          case A, MX -> {
            flat &= passing && !d.hasMacros();
            if (!d.hasMacros()) {
              String target = d.domain().map(s -> SpfDomains.normalize(s.literal())).orElse(domain);
              flat &= addresses(d, target, voids, nets, notes);
            }
          }
          case PTR, EXISTS -> {
            flat = false;
            if (d.mechanism() == SpfMechanism.EXISTS && !d.hasMacros() && queries < MAX_QUERIES) {
              DnsAnswer a = ask(SpfDomains.normalize(d.domain().orElseThrow().literal()), Type.A);
              if (a.isFailure()) {
                failures.add(SpfDomains.describe(a));
              } else if (a.status().isAbsent()) {
                voids.add(d.text());
              }
            }
          }
          default -> throw new IllegalStateException(d.mechanism().toString());
        }
      }
      Optional<SpfModifier> redirect = rec.redirect();
      if (redirect.isPresent() && rec.all().isEmpty()) {
        own++;
        if (redirect.get().value().hasMacros()) {
          flat = false;
          notes.add("'" + redirect.get().text() + "' depends on the sender; not followed");
        } else {
          SpfTree c =
              follow(
                  SpfDomains.normalize(SpfDomains.truncate(redirect.get().value().literal())),
                  "redirect",
                  redirect.get().text(),
                  path);
          children.add(c);
          flat &= c.networks.isPresent();
          c.networks.ifPresent(nets::addAll);
        }
      }
      int total = own;
      for (SpfTree c : children) {
        total += c.lookups;
        voids.addAll(c.voids);
      }
      flat &= children.stream().allMatch(c -> c.problem.isEmpty());
      return new SpfTree(
          domain,
          via,
          term,
          text,
          strings,
          own,
          total,
          voids,
          children,
          Optional.empty(),
          String.join("; ", notes),
          flat ? Optional.of(List.copyOf(nets)) : Optional.empty());
    }

    private SpfTree follow(String target, String via, String term, List<String> path) {
      if (path.contains(target)) {
        return leaf(
            target,
            via,
            term,
            SpfCodes.REDIRECT_LOOP,
            "'"
                + term
                + "' leads back to "
                + target
                + ": "
                + String.join(" -> ", path)
                + " -> "
                + target);
      }
      if (path.size() >= MAX_DEPTH || nodes >= MAX_NODES) {
        return leaf(
            target,
            via,
            term,
            SpfCodes.TOO_MANY_LOOKUPS,
            "not followed: the chain is deeper than "
                + MAX_DEPTH
                + " or has more than "
                + MAX_NODES
                + " records");
      }
      return node(target, via, term, Optional.empty(), path);
    }

    /** Resolves an a/mx target statically: void lookups and the addresses it authorises. */
    private boolean addresses(
        SpfDirective d, String target, List<String> voids, Set<String> nets, List<String> notes) {
      if (queries >= MAX_QUERIES) {
        notes.add(
            "'"
                + d.text()
                + "' not resolved: the walk asked "
                + MAX_QUERIES
                + " questions already");
        return false;
      }
      List<String> hosts = new ArrayList<>();
      if (d.mechanism() == SpfMechanism.MX) {
        DnsAnswer mx = ask(target, Type.MX);
        if (mx.isFailure()) {
          failures.add(SpfDomains.describe(mx));
          return false;
        }
        if (mx.status().isAbsent()) {
          voids.add(d.text());
          return true;
        }
        List<MXRecord> records = mx.mx();
        if (records.size() > 10) {
          notes.add(
              "'"
                  + d.text()
                  + "': "
                  + target
                  + " has "
                  + records.size()
                  + " MX records (more than 10: permerror)");
        }
        records.stream()
            .limit(10)
            .forEach(r -> hosts.add(SpfDomains.normalize(r.getTarget().toString())));
      } else {
        hosts.add(target);
      }
      boolean any = false;
      for (String h : hosts) {
        for (int type : List.of(Type.A, Type.AAAA)) {
          DnsAnswer a = ask(h, type);
          if (a.isFailure()) {
            failures.add(SpfDomains.describe(a));
            any = true; // unknown, so not void
          }
          for (InetAddress ip : a.addresses()) {
            any = true;
            int prefix = ip instanceof Inet4Address ? d.ip4Prefix() : d.ip6Prefix();
            Cidr c = new Cidr(ip, prefix);
            String block =
                Addresses.toText(networkOf(c))
                    + (prefix == (ip instanceof Inet4Address ? 32 : 128) ? "" : "/" + prefix);
            nets.add((ip instanceof Inet4Address ? "ip4:" : "ip6:") + block);
          }
        }
      }
      if (!any && d.mechanism() == SpfMechanism.A) {
        voids.add(d.text());
      }
      return true;
    }

    private DnsAnswer ask(String name, int type) {
      queries++;
      return dns.query(name, type);
    }

    private static InetAddress networkOf(Cidr c) {
      byte[] b = c.network().getAddress();
      for (int i = 0; i < b.length; i++) {
        int keep = Math.max(0, Math.min(8, c.prefix() - i * 8));
        b[i] = (byte) (b[i] & (0xff << (8 - keep)));
      }
      try {
        return InetAddress.getByAddress(b);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    private static SpfTree leaf(
        String domain, String via, String term, SpfCodes problem, String detail) {
      return new SpfTree(
          domain,
          via,
          term,
          "",
          List.of(),
          0,
          0,
          List.of(),
          List.of(),
          Optional.of(problem),
          detail,
          Optional.empty());
    }
  }
}
