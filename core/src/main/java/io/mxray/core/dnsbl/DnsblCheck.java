package io.mxray.core.dnsbl;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * Blocklist status of a domain's mail exchangers: every public MX address against the IP lists, and
 * the domain, its MX names and NS names against the domain lists (RFC 5782).
 */
public final class DnsblCheck implements Check {

  public static final CheckId ID = CheckId.of("rbl");
  static final int MAX_ADDRESSES = 16;
  static final int MAX_NAMES = 16;

  private final List<Blocklist> lists;

  public DnsblCheck() {
    this(BlocklistConfig.defaults());
  }

  public DnsblCheck(List<Blocklist> lists) {
    this.lists = List.copyOf(lists);
  }

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "Blocklists (DNSBL/RBL)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    MxSet mx = MxSet.resolve(ctx.dns(), ctx.domain());
    Set<InetAddress> addresses = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    names.add(ctx.domain());
    for (MxHost h : mx.hosts()) {
      names.add(h.host());
      for (InetAddress ip : h.addresses()) {
        // Blocklists know nothing of private or reserved space; asking about it leaks internal
        // addresses.
        if (Addresses.classify(ip).isPublic() || ctx.request().assumedPublic(ip)) {
          addresses.add(ip);
        }
      }
    }
    ctx.dns().query(ctx.domain(), Type.NS).nsNames().forEach(names::add);
    return run(
        ctx.dns(),
        cap(new ArrayList<>(addresses), MAX_ADDRESSES),
        cap(new ArrayList<>(names), MAX_NAMES),
        ctx.domain());
  }

  /** Checks the given addresses and names (also used by {@code mxray rbl} for a single IP). */
  public CheckResult run(
      DnsClient dns, List<InetAddress> addresses, List<String> names, String subject) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    DnsblLookup lookup = new DnsblLookup(dns);
    List<DnsblVerdict> verdicts = new ArrayList<>();
    for (InetAddress ip : addresses) {
      verdicts.addAll(lookup.checkAddress(ip, lists));
    }
    for (String name : names) {
      verdicts.addAll(lookup.checkDomain(name, lists));
    }
    List<Finding> findings = DnsblFindings.of(verdicts);
    out.addAll(findings);
    out.fact("lists", lists.stream().map(Blocklist::id).toList());
    out.fact("addresses", addresses.stream().map(Addresses::toText).toList());
    out.fact("names", names);
    out.fact("results", DnsblFindings.facts(verdicts));
    long asked =
        verdicts.stream().filter(v -> v.outcome() != DnsblVerdict.Outcome.NOT_APPLICABLE).count();
    if (asked > 0 && out.worst() != Severity.FAIL && findings.isEmpty()) {
      out.add(
          Finding.of(
              DnsblCodes.CLEAN,
              subject,
              "Not listed: "
                  + asked
                  + " blocklist queries for "
                  + addresses.size()
                  + " address(es) and "
                  + names.size()
                  + " name(s) all came back clean."));
    }
    return out.build();
  }

  private static <T> List<T> cap(List<T> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
