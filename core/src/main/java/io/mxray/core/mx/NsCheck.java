package io.mxray.core.mx;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The delegation of the zone holding the domain: at least two name servers (RFC 2182 §5), each with
 * an address, each answering authoritatively (no lame delegation, RFC 1912 §2.8), with one SOA
 * serial.
 */
public final class NsCheck implements Check {

  public static final CheckId ID = CheckId.of("ns");
  static final int MAX_SERVERS = 13;
  static final int MAX_ADDRESSES_PER_SERVER = 4;

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "Name servers (NS, SOA)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    DnsClient dns = ctx.dns();
    CheckResult.Builder out = CheckResult.builder(ID, title());
    // The domain may be below its zone's apex (mail.example.com): walk up to the first name with
    // NS.
    String zone = ctx.domain();
    DnsAnswer ns = dns.query(zone, Type.NS);
    while (!ns.hasRecords() && !ns.isFailure() && zone.contains(".")) {
      if (ns.status() == DnsStatus.NXDOMAIN && zone.equals(ctx.domain())) {
        out.fact("zone", null);
        return out.build(); // the MX check reports the missing domain
      }
      zone = zone.substring(zone.indexOf('.') + 1);
      ns = dns.query(zone, Type.NS);
    }
    out.fact("zone", zone);
    if (ns.isFailure()) {
      return out.add(DnsCodes.failure(ns, "the NS records of " + zone)).build();
    }
    if (!ns.hasRecords()) {
      return out.add(
              Finding.of(
                  MxCodes.NS_MISSING,
                  ctx.domain(),
                  "No NS records were found for " + ctx.domain() + " or its parent zones."))
          .build();
    }
    List<String> servers = new ArrayList<>(new LinkedHashSet<>(ns.nsNames()));
    servers = servers.subList(0, Math.min(servers.size(), MAX_SERVERS));
    if (servers.size() == 1) {
      out.add(
          Finding.of(
                  MxCodes.NS_SINGLE,
                  zone,
                  zone
                      + " is served by a single name server ("
                      + servers.get(0)
                      + "). If it fails, the domain"
                      + " disappears from the DNS and mail to it bounces or queues.")
              .withRemediation(
                  "Add at least one more name server on a different network, at the registrar and in the"
                      + " zone: "
                      + zone
                      + ". IN NS ns2.<other-provider>."));
    }
    List<Map<String, Object>> facts = new ArrayList<>();
    Set<Long> serials = new LinkedHashSet<>();
    Set<String> v4Networks = new LinkedHashSet<>();
    int v4Count = 0;
    boolean allAuthoritative = true;
    Map<String, CompletableFuture<DnsAnswer>> aLookups = new LinkedHashMap<>();
    Map<String, CompletableFuture<DnsAnswer>> aaaaLookups = new LinkedHashMap<>();
    for (String server : servers) {
      aLookups.put(server, dns.queryAsync(server, Type.A));
      aaaaLookups.put(server, dns.queryAsync(server, Type.AAAA));
    }
    List<CompletableFuture<DnsAnswer>> addressLookups = new ArrayList<>(aLookups.values());
    addressLookups.addAll(aaaaLookups.values());
    DnsAwait.awaitAll(addressLookups);
    // Ask every name server address for the SOA at once; the loop below reads the answers in order.
    Map<InetAddress, CompletableFuture<DnsAnswer>> soaLookups = new LinkedHashMap<>();
    String apex = zone;
    for (String server : servers) {
      for (InetAddress ip :
          addressesOf(aLookups.get(server).join(), aaaaLookups.get(server).join())) {
        soaLookups.computeIfAbsent(ip, i -> dns.queryAuthoritativeAsync(i, apex, Type.SOA));
      }
    }
    DnsAwait.awaitAll(new ArrayList<>(soaLookups.values()));
    for (String server : servers) {
      DnsAnswer a = aLookups.get(server).join();
      DnsAnswer aaaa = aaaaLookups.get(server).join();
      List<InetAddress> addrs = new ArrayList<>(a.addresses());
      addrs.addAll(aaaa.addresses());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("host", server);
      f.put("addresses", addrs.stream().map(Addresses::toText).toList());
      List<Map<String, Object>> answers = new ArrayList<>();
      f.put("answers", answers);
      facts.add(f);
      if (addrs.isEmpty()) {
        allAuthoritative = false;
        if (a.isFailure() || aaaa.isFailure()) {
          out.add(
              DnsCodes.failure(a.isFailure() ? a : aaaa, "the address of name server " + server));
        } else {
          out.add(
              Finding.of(
                      MxCodes.NS_NO_ADDRESS,
                      server,
                      "Name server "
                          + server
                          + " (listed for "
                          + zone
                          + ") has no A or AAAA record, so resolvers"
                          + " cannot ask it.")
                  .withRemediation(
                      "Publish an address for "
                          + server
                          + " or remove it from the NS set of "
                          + zone
                          + "."));
        }
        continue;
      }
      for (InetAddress ip : addrs.subList(0, Math.min(addrs.size(), MAX_ADDRESSES_PER_SERVER))) {
        if (ip instanceof Inet4Address) {
          v4Count++;
          byte[] b = ip.getAddress();
          v4Networks.add((b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff));
        }
        DnsAnswer soa = soaLookups.get(ip).join();
        String ipText = Addresses.toText(ip);
        Map<String, Object> ans = new LinkedHashMap<>();
        ans.put("ip", ipText);
        ans.put("status", soa.status().name());
        ans.put("authoritative", soa.authoritative());
        answers.add(ans);
        if (soa.status() == DnsStatus.TIMEOUT || soa.status() == DnsStatus.SERVFAIL) {
          allAuthoritative = false;
          out.add(
              Finding.of(
                      MxCodes.NS_UNREACHABLE,
                      server,
                      "Name server "
                          + server
                          + " ("
                          + ipText
                          + ") did not answer for "
                          + zone
                          + " ("
                          + soa.status()
                          + "); whether it serves the zone is unknown from here.")
                  .withRemediation(
                      "Check that " + server + " is up and reachable over UDP and TCP port 53.")
                  .withEvidence(soa.detail()));
          continue;
        }
        boolean good = soa.status() == DnsStatus.NOERROR && soa.authoritative() && soa.hasRecords();
        if (!good) {
          allAuthoritative = false;
          out.add(
              Finding.of(
                      MxCodes.NS_LAME,
                      server,
                      "Name server "
                          + server
                          + " ("
                          + ipText
                          + ") is listed for "
                          + zone
                          + " but does not answer"
                          + " authoritatively for it ("
                          + describe(soa)
                          + "): a lame delegation. Resolvers that pick it"
                          + " get errors or delays.")
                  .withRemediation(
                      "Load the zone "
                          + zone
                          + " on "
                          + server
                          + ", or remove "
                          + server
                          + " from the NS records at the registrar and in the zone.")
                  .withEvidence(
                      zone
                          + " SOA @"
                          + ipText
                          + " → "
                          + soa.status()
                          + (soa.authoritative() ? " aa" : " no-aa")));
          continue;
        }
        long serial = ((SOARecord) soa.records().get(0)).getSerial();
        ans.put("serial", serial);
        serials.add(serial);
      }
    }
    if (serials.size() > 1) {
      out.add(
          Finding.of(
                  MxCodes.NS_SERIAL_MISMATCH,
                  zone,
                  "The name servers of "
                      + zone
                      + " hand out different SOA serials "
                      + serials
                      + ": some have not picked up the latest zone changes.")
              .withRemediation(
                  "Check zone transfers (NOTIFY/IXFR) from the primary to every secondary."));
    }
    if (servers.size() > 1 && v4Count > 1 && v4Networks.size() == 1) {
      out.add(
          Finding.of(
                  MxCodes.NS_SAME_NETWORK,
                  zone,
                  "All name servers of "
                      + zone
                      + " are in "
                      + v4Networks.iterator().next()
                      + ".0/24; one network outage takes them all down.")
              .withRemediation("Add a name server on another network (a secondary DNS provider)."));
    }
    out.fact("ns", facts);
    if (allAuthoritative && servers.size() > 1 && serials.size() == 1) {
      out.add(
          Finding.of(
              MxCodes.NS_OK,
              zone,
              servers.size()
                  + " name servers answer authoritatively for "
                  + zone
                  + " with serial "
                  + serials.iterator().next()
                  + "."));
    }
    return out.build();
  }

  private static String describe(DnsAnswer soa) {
    if (soa.status() == DnsStatus.NOERROR && !soa.authoritative()) {
      return "answer without the authoritative flag";
    }
    if (soa.status() == DnsStatus.NODATA) {
      return soa.authoritative() ? "no SOA record" : "a referral or empty non-authoritative answer";
    }
    return soa.status().name();
  }

  /**
   * The addresses of one name server that are asked directly (at most {@link
   * #MAX_ADDRESSES_PER_SERVER}).
   */
  private static List<InetAddress> addressesOf(DnsAnswer a, DnsAnswer aaaa) {
    List<InetAddress> addrs = new ArrayList<>(a.addresses());
    addrs.addAll(aaaa.addresses());
    return addrs.subList(0, Math.min(addrs.size(), MAX_ADDRESSES_PER_SERVER));
  }
}
