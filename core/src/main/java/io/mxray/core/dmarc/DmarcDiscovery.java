package io.mxray.core.dmarc;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DomainName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * Finds the DMARC record that applies to a domain (RFC 7489 §6.6.3): {@code _dmarc.<domain>}, then
 * {@code _dmarc.<organizational domain>} from the Public Suffix List; or, in {@link
 * Mode#TREE_WALK}, the DMARCbis DNS tree walk (RFC 9989 §4.10). TXT records that do not start with
 * v=DMARC1 are ignored, as the RFC says. A lookup failure stops discovery: a record higher up must
 * not be used when a lower one may exist.
 */
public final class DmarcDiscovery {

  /** How the policy domain is found when the domain itself publishes nothing. */
  public enum Mode {
    ORG_DOMAIN,
    TREE_WALK
  }

  /** What discovery ended with. */
  public enum Kind {
    FOUND,
    MULTIPLE,
    NONE,
    FAILED
  }

  /**
   * @param kind outcome
   * @param domain the domain asked about
   * @param foundAt the domain whose _dmarc name holds the record(s) (FOUND, MULTIPLE), else empty
   * @param records the DMARC TXT records found there (one for FOUND)
   * @param asked the _dmarc names asked, in order
   * @param failure the failed lookup (FAILED)
   */
  public record Outcome(
      Kind kind,
      String domain,
      String foundAt,
      List<String> records,
      List<String> asked,
      Optional<DnsAnswer> failure) {
    public Outcome {
      records = List.copyOf(records);
      asked = List.copyOf(asked);
    }

    public boolean inherited() {
      return !foundAt.isEmpty() && !foundAt.equals(domain);
    }
  }

  private DmarcDiscovery() {}

  public static Outcome discover(DnsClient dns, String domain, Mode mode) {
    String d = DomainName.normalize(domain);
    List<String> candidates = new ArrayList<>();
    if (mode == Mode.TREE_WALK) {
      candidates.addAll(OrgDomain.treeWalk(d));
    } else {
      candidates.add(d);
      String org = OrgDomain.of(d);
      if (!org.equals(d)) {
        candidates.add(org);
      }
    }
    List<String> asked = new ArrayList<>();
    for (String c : candidates) {
      String name = "_dmarc." + c;
      asked.add(name);
      DnsAnswer a = dns.query(name, Type.TXT);
      if (a.isFailure()) {
        return new Outcome(Kind.FAILED, d, "", List.of(), asked, Optional.of(a));
      }
      List<String> found = a.txtJoined().stream().filter(DmarcParser::isDmarc).toList();
      if (found.size() == 1) {
        return new Outcome(Kind.FOUND, d, c, found, asked, Optional.empty());
      }
      if (found.size() > 1) {
        return new Outcome(Kind.MULTIPLE, d, c, found, asked, Optional.empty());
      }
    }
    return new Outcome(Kind.NONE, d, "", List.of(), asked, Optional.empty());
  }
}
