package io.mxray.core.mx;

import io.mxray.core.dns.DnsAnswer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail exchanger: preference, host name and what its address lookups returned.
 *
 * @param preference MX preference (lower is preferred)
 * @param host target host name, lower-case, no trailing dot
 * @param a the A lookup
 * @param aaaa the AAAA lookup
 */
public record MxHost(int preference, String host, DnsAnswer a, DnsAnswer aaaa) {

  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>(a.addresses());
    out.addAll(aaaa.addresses());
    return out;
  }

  /** CNAMEs the address lookups went through (an MX target must not be an alias). */
  public List<String> cnameChain() {
    return !a.cnameChain().isEmpty() ? a.cnameChain() : aaaa.cnameChain();
  }

  public boolean lookupFailed() {
    return a.isFailure() || aaaa.isFailure();
  }
}
