package io.mxray.core.dnsbl;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * Asks blocklists about addresses and names (RFC 5782) and classifies every answer: a listing, a
 * refusal dressed as an answer (Spamhaus' 127.255.255.x, SURBL/URIBL 127.0.0.1, anything outside
 * 127.0.0.0/8), nothing, or "could not tell".
 */
public final class DnsblLookup {

  private final DnsClient dns;

  public DnsblLookup(DnsClient dns) {
    this.dns = dns;
  }

  /**
   * The query name for an address: reversed octets, or reversed nibbles for IPv6 (RFC 5782 §2.1,
   * §2.4).
   */
  public static String queryName(InetAddress address, String zone) {
    String reverse = Addresses.reverseName(address);
    String suffix = address instanceof Inet4Address ? ".in-addr.arpa" : ".ip6.arpa";
    return reverse.substring(0, reverse.length() - suffix.length()) + "." + zone;
  }

  /** Checks an address against every IP list, concurrently. */
  public List<DnsblVerdict> checkAddress(InetAddress address, List<Blocklist> lists) {
    List<CompletableFuture<DnsblVerdict>> futures = new ArrayList<>();
    for (Blocklist list : lists) {
      if (list.kind() != Blocklist.Kind.IP) {
        continue;
      }
      String subject = Addresses.toText(address);
      if (!(address instanceof Inet4Address) && !list.ipv6()) {
        futures.add(
            CompletableFuture.completedFuture(
                new DnsblVerdict(
                    list,
                    subject,
                    "",
                    DnsblVerdict.Outcome.NOT_APPLICABLE,
                    List.of(),
                    List.of("this list does not answer for IPv6"),
                    "")));
        continue;
      }
      futures.add(ask(list, subject, queryName(address, list.zone())));
    }
    return DnsAwait.awaitAll(futures);
  }

  /** Checks a domain name against every domain list, concurrently. */
  public List<DnsblVerdict> checkDomain(String domain, List<Blocklist> lists) {
    List<CompletableFuture<DnsblVerdict>> futures = new ArrayList<>();
    for (Blocklist list : lists) {
      if (list.kind() == Blocklist.Kind.DOMAIN) {
        futures.add(ask(list, domain, domain + "." + list.zone()));
      }
    }
    return DnsAwait.awaitAll(futures);
  }

  /**
   * The A question, then (for a listing) the TXT reason, both without blocking: these callbacks run
   * on the thread that received the answer, which must never wait for another answer.
   */
  private CompletableFuture<DnsblVerdict> ask(Blocklist list, String subject, String query) {
    return dns.queryAsync(query, Type.A)
        .thenCompose(
            a -> {
              DnsblVerdict v = classify(list, subject, query, a);
              if (v.outcome() != DnsblVerdict.Outcome.LISTED) {
                return CompletableFuture.completedFuture(v);
              }
              return dns.queryAsync(query, Type.TXT).thenApply(txt -> v.withReason(reasonOf(txt)));
            });
  }

  private static String reasonOf(DnsAnswer txt) {
    String reason = txt.txtJoined().isEmpty() ? "" : txt.txtJoined().get(0);
    return reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
  }

  /** The verdict from the A answer alone (a listing's reason comes later, from TXT). */
  private static DnsblVerdict classify(Blocklist list, String subject, String query, DnsAnswer a) {
    if (a.status().isFailure()) {
      return new DnsblVerdict(
          list,
          subject,
          query,
          DnsblVerdict.Outcome.FAILED,
          List.of(),
          List.of(a.status() + (a.detail().isEmpty() ? "" : ": " + a.detail())),
          "");
    }
    if (a.outsideLoadedZones()) {
      return new DnsblVerdict(
          list,
          subject,
          query,
          DnsblVerdict.Outcome.NOT_APPLICABLE,
          List.of(),
          List.of("the list's zone " + list.zone() + " is not among the loaded zone files"),
          "");
    }
    if (a.status() == DnsStatus.NXDOMAIN
        || a.status() == DnsStatus.NODATA
        || a.addresses().isEmpty()) {
      return new DnsblVerdict(
          list, subject, query, DnsblVerdict.Outcome.NOT_LISTED, List.of(), List.of(), "");
    }
    List<String> answers = a.addresses().stream().map(Addresses::toText).toList();
    List<String> refusals = new ArrayList<>();
    List<String> meanings = new ArrayList<>();
    for (String ans : answers) {
      String refusal = list.refusals().get(ans);
      if (refusal != null) {
        refusals.add(refusal);
      } else if (!ans.startsWith("127.")) {
        refusals.add(
            "answer "
                + ans
                + " is outside 127.0.0.0/8: the resolver rewrites NXDOMAIN or the list is gone");
      } else {
        List<String> m = list.meanings(ans);
        meanings.addAll(
            m.isEmpty()
                ? List.of("listed with return code " + ans + " (not documented by the list)")
                : m);
      }
    }
    if (meanings.isEmpty()) {
      return new DnsblVerdict(
          list, subject, query, DnsblVerdict.Outcome.REFUSED, answers, refusals, "");
    }
    return new DnsblVerdict(
        list, subject, query, DnsblVerdict.Outcome.LISTED, answers, meanings, "");
  }
}
