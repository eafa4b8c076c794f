package io.mxray.core.headers;

import io.mxray.core.dmarc.DmarcDiscovery;
import io.mxray.core.dmarc.DmarcParser;
import io.mxray.core.dmarc.DmarcRecord;
import io.mxray.core.dns.DnsClient;

/**
 * {@link DmarcPolicySource} backed by DMARC discovery (RFC 7489 §6.6.3: the From domain's record,
 * else its organizational domain's) and the DMARC parser. The subdomain policy applies when the
 * record was inherited from the organizational domain.
 */
public final class DiscoveredDmarcPolicy implements DmarcPolicySource {

  private final DnsClient dns;

  public DiscoveredDmarcPolicy(DnsClient dns) {
    this.dns = dns;
  }

  @Override
  public DmarcPolicy lookup(String fromDomain) {
    DmarcDiscovery.Outcome o =
        DmarcDiscovery.discover(dns, fromDomain, DmarcDiscovery.Mode.ORG_DOMAIN);
    return switch (o.kind()) {
      case NONE ->
          new DmarcPolicy(
              DmarcPolicy.Status.NONE,
              "",
              false,
              false,
              "",
              "no DMARC record at " + String.join(" or ", o.asked()));
      case FAILED ->
          new DmarcPolicy(
              DmarcPolicy.Status.TEMPERROR,
              "",
              false,
              false,
              "",
              o.failure().map(a -> a.name() + " " + a.status()).orElse("DNS lookup failed"));
      case MULTIPLE ->
          new DmarcPolicy(
              DmarcPolicy.Status.PERMERROR,
              "",
              false,
              false,
              String.join(" | ", o.records()),
              "more than one DMARC record at _dmarc."
                  + o.foundAt()
                  + " (RFC 7489 §6.6.3: no policy applies)");
      case FOUND -> found(o);
    };
  }

  private static DmarcPolicy found(DmarcDiscovery.Outcome o) {
    String text = o.records().get(0);
    DmarcParser.Result parsed = DmarcParser.parse(text);
    if (parsed.record().isEmpty() || !parsed.usable()) {
      return new DmarcPolicy(
          DmarcPolicy.Status.PERMERROR,
          "",
          false,
          false,
          text,
          "the DMARC record at _dmarc." + o.foundAt() + " is not usable: " + parsed.errors());
    }
    DmarcRecord r = parsed.record().get();
    DmarcRecord.Policy p = o.inherited() ? r.effectiveSubdomainPolicy() : r.policy();
    return new DmarcPolicy(
        DmarcPolicy.Status.FOUND,
        p.id(),
        r.dkimAlignment() == DmarcRecord.Alignment.STRICT,
        r.spfAlignment() == DmarcRecord.Alignment.STRICT,
        text,
        "record at _dmarc."
            + o.foundAt()
            + (o.inherited() ? " (organizational domain; sp= applies)" : ""));
  }
}
