package io.mxray.core.mx;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * A domain's mail exchangers as the DNS describes them: the MX lookup, whether it is a null MX (RFC
 * 7505), and each distinct target with its address lookups, sorted by preference. The MX, PTR and
 * probe checks all start here; through the audit's caching client the lookups are made once.
 *
 * @param domain the domain
 * @param answer the MX lookup
 * @param hosts distinct targets (excluding the root name of a null MX), preference order
 * @param nullMx an MX with target "." was published
 * @param duplicates targets listed more than once
 */
public record MxSet(
    String domain, DnsAnswer answer, List<MxHost> hosts, boolean nullMx, List<String> duplicates) {

  /** At most this many MX hosts are resolved; more is a misconfiguration in its own right. */
  public static final int MAX_HOSTS = 32;

  public static MxSet resolve(DnsClient dns, String domain) {
    DnsAnswer answer = dns.query(domain, Type.MX);
    List<MXRecord> records = new ArrayList<>(answer.mx());
    records.sort(
        Comparator.comparingInt(MXRecord::getPriority)
            .thenComparing(r -> r.getTarget().toString()));
    boolean nullMx = false;
    Set<String> seen = new LinkedHashSet<>();
    Set<String> dups = new LinkedHashSet<>();
    List<Integer> prefs = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (MXRecord r : records) {
      String target = DomainName.normalize(r.getTarget());
      if (target.isEmpty()) {
        nullMx = true;
        continue;
      }
      if (!seen.add(target)) {
        dups.add(target);
        continue;
      }
      if (targets.size() < MAX_HOSTS) {
        prefs.add(r.getPriority());
        targets.add(target);
      }
    }
    // Resolve every target's A and AAAA concurrently.
    List<CompletableFuture<DnsAnswer>> as = new ArrayList<>();
    List<CompletableFuture<DnsAnswer>> aaaas = new ArrayList<>();
    for (String t : targets) {
      as.add(dns.queryAsync(t, Type.A));
      aaaas.add(dns.queryAsync(t, Type.AAAA));
    }
    List<CompletableFuture<DnsAnswer>> all = new ArrayList<>(as);
    all.addAll(aaaas);
    List<DnsAnswer> answers = DnsAwait.awaitAll(all);
    List<MxHost> hosts = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      hosts.add(
          new MxHost(
              prefs.get(i), targets.get(i), answers.get(i), answers.get(targets.size() + i)));
    }
    return new MxSet(domain, answer, hosts, nullMx, List.copyOf(dups));
  }
}
