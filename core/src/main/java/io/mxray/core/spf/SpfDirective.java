package io.mxray.core.spf;

import io.mxray.core.net.Cidr;
import java.util.Optional;

/**
 * A qualifier and a mechanism (RFC 7208 §4.6.2, §5).
 *
 * @param qualifier the result when it matches ({@code +} when omitted)
 * @param mechanism which mechanism
 * @param domain the domain-spec for include, a, mx, ptr, exists (empty: the current domain)
 * @param network the block for ip4 / ip6
 * @param ip4Prefix the IPv4 CIDR length for a / mx (32 when absent)
 * @param ip6Prefix the IPv6 CIDR length for a / mx (128 when absent)
 * @param text the term as written
 * @param position offset of the term in the record
 */
public record SpfDirective(
    SpfQualifier qualifier,
    SpfMechanism mechanism,
    Optional<SpfMacroString> domain,
    Optional<Cidr> network,
    int ip4Prefix,
    int ip6Prefix,
    String text,
    int position)
    implements SpfTerm {

  /**
   * True for a directive whose domain-spec uses macros (its target is only known at evaluation
   * time).
   */
  public boolean hasMacros() {
    return domain.map(SpfMacroString::hasMacros).orElse(false);
  }
}
