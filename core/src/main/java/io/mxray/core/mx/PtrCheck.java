package io.mxray.core.mx;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsCodes;
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
import org.xbill.DNS.Type;

/**
 * Reverse DNS of every MX address and forward confirmation of the PTR names (FCrDNS, RFC 8601
 * §2.7.3; "iprev"). Receivers commonly reject or score down mail from addresses without it, and MX
 * hosts usually send mail too.
 */
public final class PtrCheck implements Check {

  public static final CheckId ID = CheckId.of("ptr");

  /** At most this many addresses are checked; more is unusual and costs many lookups. */
  static final int MAX_ADDRESSES = 16;

  /** At most this many PTR names per address are forward-checked (RFC 7208 §4.6.4 uses 10 too). */
  static final int MAX_PTR_NAMES = 10;

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "Reverse DNS of mail exchangers (PTR, FCrDNS)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  /** The verdict for one address. */
  public record Verdict(
      InetAddress address,
      DnsAnswer ptr,
      List<String> names,
      List<String> confirmed,
      List<DnsAnswer> failures) {}

  @Override
  public CheckResult run(CheckContext ctx) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    MxSet mx = MxSet.resolve(ctx.dns(), ctx.domain());
    Set<InetAddress> addresses = new LinkedHashSet<>();
    Map<InetAddress, String> hostOf = new LinkedHashMap<>();
    for (MxHost h : mx.hosts()) {
      for (InetAddress ip : h.addresses()) {
        // Unroutable addresses are the MX check's finding; their reverse DNS is nobody's business.
        boolean routable = Addresses.classify(ip).isPublic() || ctx.request().assumedPublic(ip);
        if (routable && addresses.size() < MAX_ADDRESSES && addresses.add(ip)) {
          hostOf.put(ip, h.host());
        }
      }
    }
    if (addresses.isEmpty()) {
      out.fact("ptr", List.of());
      return out.build();
    }
    List<Map<String, Object>> facts = new ArrayList<>();
    int confirmedCount = 0;
    for (InetAddress ip : addresses) {
      Verdict v = verify(ctx.dns(), ip);
      String ipText = Addresses.toText(ip);
      String host = hostOf.get(ip);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ip", ipText);
      f.put("mx", host);
      f.put("names", v.names());
      f.put("forwardConfirmed", !v.confirmed().isEmpty());
      facts.add(f);
      if (v.ptr().isFailure()) {
        out.add(DnsCodes.failure(v.ptr(), "the reverse DNS of " + ipText));
        continue;
      }
      if (v.names().isEmpty()) {
        out.add(
            Finding.of(
                    MxCodes.PTR_MISSING,
                    ipText,
                    ipText
                        + " (MX "
                        + host
                        + ") has no PTR record. Many receivers reject or penalise mail from"
                        + " addresses without reverse DNS.")
                .withRemediation(
                    "Ask whoever runs the address block (your hosting provider or ISP) to publish:\n"
                        + v.ptr().name()
                        + ". IN PTR "
                        + host
                        + ".")
                .withEvidence(v.ptr().name() + " PTR → " + v.ptr().status()));
        continue;
      }
      for (String name : v.names()) {
        GenericPtr.match(name)
            .ifPresent(
                m ->
                    out.add(
                        Finding.of(
                                MxCodes.PTR_GENERIC,
                                ipText,
                                ipText
                                    + " (MX "
                                    + host
                                    + ") has the reverse DNS name "
                                    + name
                                    + ", which looks like a dynamic or"
                                    + " end-user address ("
                                    + m.rule()
                                    + ": "
                                    + m.description()
                                    + "). Many receivers, especially in"
                                    + " Japan (S25R), refuse mail sent directly from such hosts.")
                            .withRemediation(
                                "Give the mail server a descriptive, static-looking PTR that matches its name, e.g.\n"
                                    + v.ptr().name()
                                    + ". IN PTR "
                                    + host
                                    + ".\n(ask the provider of the address to set it).")
                            .withEvidence(v.ptr().name() + " PTR " + name, "matched " + m.rule())));
      }
      if (!v.confirmed().isEmpty()) {
        confirmedCount++;
        continue;
      }
      if (!v.failures().isEmpty()) {
        out.add(
            DnsCodes.failure(
                v.failures().get(0), "the forward lookup of PTR name " + v.names().get(0)));
        continue;
      }
      String family = ip instanceof Inet4Address ? "A" : "AAAA";
      out.add(
          Finding.of(
                  MxCodes.PTR_MISMATCH,
                  ipText,
                  ipText
                      + " (MX "
                      + host
                      + ") points back to "
                      + String.join(", ", v.names())
                      + ", but "
                      + (v.names().size() == 1 ? "that name does not" : "none of those names")
                      + " resolve back to "
                      + ipText
                      + ". Forward-confirmed reverse DNS fails, which receivers treat as suspicious.")
              .withRemediation(
                  "Make the PTR name resolve to the address ("
                      + v.names().get(0)
                      + ". IN "
                      + family
                      + " "
                      + ipText
                      + "), or change the PTR to a name that does (e.g. "
                      + host
                      + ").")
              .withEvidence(v.ptr().name() + " PTR " + String.join(" ", v.names())));
    }
    out.fact("ptr", facts);
    if (confirmedCount == addresses.size() && !out.has(MxCodes.PTR_GENERIC.id())) {
      out.add(
          Finding.of(
              MxCodes.PTR_OK,
              ctx.domain(),
              "All " + confirmedCount + " MX address(es) have forward-confirmed reverse DNS."));
    }
    return out.build();
  }

  /** PTR lookup of {@code ip} and forward confirmation of up to {@link #MAX_PTR_NAMES} names. */
  public static Verdict verify(DnsClient dns, InetAddress ip) {
    DnsAnswer ptr = dns.query(Addresses.reverseName(ip), Type.PTR);
    List<String> names = ptr.ptrNames();
    List<String> confirmed = new ArrayList<>();
    List<DnsAnswer> failures = new ArrayList<>();
    int type = ip instanceof Inet4Address ? Type.A : Type.AAAA;
    for (String name : names.subList(0, Math.min(names.size(), MAX_PTR_NAMES))) {
      DnsAnswer fwd = dns.query(name, type);
      if (fwd.isFailure()) {
        failures.add(fwd);
      } else if (fwd.addresses().contains(ip)) {
        confirmed.add(name);
      }
    }
    return new Verdict(ip, ptr, names, confirmed, failures);
  }
}
