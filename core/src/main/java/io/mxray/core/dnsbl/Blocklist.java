package io.mxray.core.dnsbl;

import java.util.List;
import java.util.Map;

/**
 * One DNS blocklist (RFC 5782): where to ask and what its answers mean.
 *
 * @param id stable short id ("spamhaus-zen")
 * @param name display name
 * @param kind whether it lists IP addresses or domain names
 * @param zone the query zone ("zen.spamhaus.org")
 * @param ipv6 whether IPv6 addresses can be queried (nibble format, RFC 5782 §2.4)
 * @param bitmask whether return codes are bit flags in the last octet (SURBL, URIBL)
 * @param codes listing answers (an address, or a bit value for bitmask lists) to meanings
 * @param refusals answers that mean the query was refused, not that anything is listed
 * @param removalUrl where a listed party asks for removal
 */
public record Blocklist(
    String id,
    String name,
    Kind kind,
    String zone,
    boolean ipv6,
    boolean bitmask,
    Map<String, String> codes,
    Map<String, String> refusals,
    String removalUrl) {

  public enum Kind {
    IP,
    DOMAIN
  }

  public Blocklist {
    codes = Map.copyOf(codes);
    refusals = Map.copyOf(refusals);
  }

  /** The meanings of a listing answer; empty when the answer is not a code this list publishes. */
  public List<String> meanings(String answer) {
    if (!bitmask) {
      String m = codes.get(answer);
      return m == null ? List.of() : List.of(m);
    }
    int last;
    try {
      last = Integer.parseInt(answer.substring(answer.lastIndexOf('.') + 1));
    } catch (NumberFormatException e) {
      return List.of();
    }
    return codes.entrySet().stream()
        .filter(e -> (last & Integer.parseInt(e.getKey())) != 0)
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }
}
