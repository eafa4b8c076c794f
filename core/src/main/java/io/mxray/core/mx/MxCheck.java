package io.mxray.core.mx;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The MX records of a domain (RFC 5321 §5.1, RFC 7505): present, null, aliased, literal,
 * resolvable, routable, duplicated, reachable over IPv6.
 */
public final class MxCheck implements Check {

  public static final CheckId ID = CheckId.of("mx");

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "Mail exchangers (MX)";
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
    MxSet mx = MxSet.resolve(ctx.dns(), domain);
    DnsAnswer answer = mx.answer();
    out.fact("lookup", answer.status().name());
    if (answer.isFailure()) {
      return out.add(DnsCodes.failure(answer, "the MX records of " + domain)).build();
    }
    if (answer.status() == DnsStatus.NXDOMAIN) {
      return out.add(
              Finding.of(
                      MxCodes.MX_NXDOMAIN,
                      domain,
                      domain
                          + " does not exist in the DNS (NXDOMAIN): no mail can be delivered to it.")
                  .withRemediation(
                      "Check the spelling, the registration and the delegation of " + domain + "."))
          .build();
    }
    if (mx.hosts().isEmpty() && !mx.nullMx()) {
      implicitMx(ctx, domain, out);
      return out.build();
    }
    if (mx.nullMx()) {
      nullMx(ctx, domain, mx, out);
      if (mx.hosts().isEmpty()) {
        return out.build();
      }
    }
    for (String dup : mx.duplicates()) {
      out.add(
          Finding.of(
                  MxCodes.MX_DUPLICATE,
                  dup,
                  dup + " is listed more than once in the MX records of " + domain + ".")
              .withRemediation("Keep one MX record for " + dup + " and remove the others."));
    }
    List<Map<String, Object>> facts = new ArrayList<>();
    int usable = 0;
    boolean anyIpv6 = false;
    List<String> noAddress = new ArrayList<>();
    for (MxHost h : mx.hosts()) {
      facts.add(hostFacts(h));
      if (Addresses.parse(h.host()).isPresent()) {
        out.add(
            Finding.of(
                    MxCodes.MX_IP_LITERAL,
                    h.host(),
                    "The MX target "
                        + h.host()
                        + " is an IP address; MX records must name a host, and senders will "
                        + "look up '"
                        + h.host()
                        + "' as a name and fail.")
                .withRemediation(
                    "Publish an A record for a host name (e.g. mx."
                        + domain
                        + ". IN A "
                        + h.host()
                        + ") and point the MX at it: "
                        + domain
                        + ". IN MX "
                        + h.preference()
                        + " mx."
                        + domain
                        + "."));
        continue;
      }
      if (!h.cnameChain().isEmpty()) {
        out.add(
            Finding.of(
                    MxCodes.MX_CNAME,
                    h.host(),
                    "The MX target "
                        + h.host()
                        + " is an alias (CNAME → "
                        + String.join(" → ", h.cnameChain())
                        + "); MX targets must be canonical names. Most senders cope, some do not.")
                .withRemediation(
                    "Point the MX at the canonical name: "
                        + domain
                        + ". IN MX "
                        + h.preference()
                        + " "
                        + h.cnameChain().get(h.cnameChain().size() - 1)
                        + "."));
      }
      for (DnsAnswer a : List.of(h.a(), h.aaaa())) {
        if (a.isFailure()) {
          out.add(DnsCodes.failure(a, "the addresses of MX host " + h.host()));
        }
      }
      List<InetAddress> addrs = h.addresses();
      if (addrs.isEmpty()) {
        if (!h.lookupFailed()) {
          noAddress.add(h.host());
        }
        continue;
      }
      boolean routable = false;
      for (InetAddress ip : addrs) {
        anyIpv6 |= ip instanceof Inet6Address;
        AddressClass kind = Addresses.classify(ip);
        if (kind.isPublic() || ctx.request().assumedPublic(ip)) {
          routable = true;
        } else {
          out.add(
              Finding.of(
                      MxCodes.MX_PRIVATE_ADDRESS,
                      h.host(),
                      "MX host "
                          + h.host()
                          + " resolves to "
                          + Addresses.toText(ip)
                          + ", a "
                          + kind.description()
                          + " address that senders on the Internet cannot reach.")
                  .withRemediation(
                      "Publish the server's public address for "
                          + h.host()
                          + ", or remove this MX.")
                  .withEvidence(h.host() + " → " + Addresses.toText(ip)));
        }
      }
      if (routable) {
        usable++;
      }
    }
    for (String host : noAddress) {
      boolean others = usable > 0;
      out.add(
          Finding.of(
                  MxCodes.MX_NO_ADDRESS,
                  host,
                  "MX host "
                      + host
                      + " has no A or AAAA record"
                      + (others
                          ? "; senders skip it after a failed lookup, which delays mail."
                          : "; no MX host can be reached, so mail to "
                              + domain
                              + " cannot be delivered."))
              .withSeverity(others ? Severity.WARN : Severity.FAIL)
              .withRemediation(
                  "Publish an address for it ("
                      + host
                      + ". IN A <address>) or remove the MX record."));
    }
    if (usable > 0 && !anyIpv6) {
      out.add(
          Finding.of(
                  MxCodes.MX_NO_IPV6,
                  domain,
                  "None of the MX hosts has an IPv6 (AAAA) address; IPv6-only senders cannot deliver.")
              .withRemediation(
                  "Where your mail servers have IPv6 connectivity, publish AAAA records for them."));
    }
    out.fact("mx", facts);
    if (usable > 0
        && out.worst() != Severity.FAIL
        && !out.has(MxCodes.MX_NO_ADDRESS.id())
        && !out.has(MxCodes.MX_CNAME.id())) {
      out.add(
          Finding.of(
              MxCodes.MX_OK,
              domain,
              mx.hosts().size()
                  + " MX host"
                  + (mx.hosts().size() == 1 ? "" : "s")
                  + " published; "
                  + usable
                  + " resolve"
                  + (usable == 1 ? "s" : "")
                  + " to public addresses."));
    }
    return out.build();
  }

  private static Map<String, Object> hostFacts(MxHost h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("preference", h.preference());
    m.put("host", h.host());
    m.put("addresses", h.addresses().stream().map(Addresses::toText).toList());
    if (!h.cnameChain().isEmpty()) {
      m.put("cname", h.cnameChain());
    }
    return m;
  }

  private static void implicitMx(CheckContext ctx, String domain, CheckResult.Builder out) {
    DnsAnswer a = ctx.dns().query(domain, Type.A);
    DnsAnswer aaaa = ctx.dns().query(domain, Type.AAAA);
    List<String> addrs = new ArrayList<>();
    a.addresses().forEach(ip -> addrs.add(Addresses.toText(ip)));
    aaaa.addresses().forEach(ip -> addrs.add(Addresses.toText(ip)));
    out.fact("implicitMx", addrs);
    if (addrs.isEmpty() && (a.isFailure() || aaaa.isFailure())) {
      out.add(
          DnsCodes.failure(
              a.isFailure() ? a : aaaa, "the addresses of " + domain + " (implicit MX)"));
      return;
    }
    String nullMxAdvice =
        "If "
            + domain
            + " should receive no mail, publish a null MX (RFC 7505) and an SPF that"
            + " forbids sending:\n"
            + domain
            + ". IN MX 0 .\n"
            + domain
            + ". IN TXT \"v=spf1 -all\"";
    if (!addrs.isEmpty()) {
      out.add(
          Finding.of(
                  MxCodes.MX_MISSING,
                  domain,
                  domain
                      + " publishes no MX records. Senders fall back to its A/AAAA records (implicit MX, RFC 5321 §5.1)"
                      + " and will try to deliver to "
                      + String.join(", ", addrs)
                      + ", usually a web server.")
              .withSeverity(Severity.WARN)
              .withRemediation(
                  "If "
                      + domain
                      + " receives mail, publish MX records naming your mail servers, e.g.\n"
                      + domain
                      + ". IN MX 10 mx1."
                      + domain
                      + ".\n"
                      + nullMxAdvice));
    } else {
      out.add(
          Finding.of(
                  MxCodes.MX_MISSING,
                  domain,
                  domain
                      + " publishes no MX records and no A/AAAA records, so no mail can be delivered to it;"
                      + " senders keep retrying for days before they bounce.")
              .withSeverity(Severity.FAIL)
              .withRemediation(
                  "Publish MX records naming your mail servers, e.g. "
                      + domain
                      + ". IN MX 10 mx1."
                      + domain
                      + ".\n"
                      + nullMxAdvice));
    }
  }

  private static void nullMx(CheckContext ctx, String domain, MxSet mx, CheckResult.Builder out) {
    out.fact("nullMx", true);
    if (!mx.hosts().isEmpty()) {
      out.add(
          Finding.of(
                  MxCodes.MX_NULL_MIXED,
                  domain,
                  domain
                      + " publishes a null MX (\".\") next to "
                      + mx.hosts().size()
                      + " other MX record(s). RFC 7505"
                      + " says a null MX must be the only MX; senders may treat the domain as not accepting mail.")
              .withRemediation(
                  "Either remove the null MX ("
                      + domain
                      + ". IN MX 0 .) if the domain receives mail,"
                      + " or remove the other MX records if it does not."));
      return;
    }
    DnsAnswer txt = ctx.dns().query(domain, Type.TXT);
    boolean spfDenyAll =
        txt.txtJoined().stream()
            .map(s -> s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
            .anyMatch(s -> s.equals("v=spf1 -all"));
    if (spfDenyAll) {
      out.add(
          Finding.of(
                  MxCodes.MX_NULL,
                  domain,
                  domain
                      + " publishes a null MX (RFC 7505) and SPF \"v=spf1 -all\": it neither receives nor sends mail.")
              .withSeverity(Severity.INFO));
    } else {
      out.add(
          Finding.of(
                  MxCodes.MX_NULL,
                  domain,
                  domain
                      + " publishes a null MX (RFC 7505): it receives no mail. Without \"v=spf1 -all\" its name can"
                      + " still be forged as a sender.")
              .withSeverity(Severity.WARN)
              .withRemediation(
                  "Publish an SPF record that forbids sending, and a strict DMARC policy:\n"
                      + domain
                      + ". IN TXT \"v=spf1 -all\"\n_dmarc."
                      + domain
                      + ". IN TXT \"v=DMARC1; p=reject\""));
    }
  }
}
