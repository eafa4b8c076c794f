package io.mxray.core.probe;

import io.mxray.core.audit.CheckContext;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * One quick SMTP probe of an MX on port 25 (STARTTLS, certificate checks, no TLS version scan)
 * through the context's connector, for checks that need what a sender would see: DANE matching,
 * MTA-STS certificate validity. Empty when the host has no address that may be probed
 * (documentation space, or not routable unless assumed public).
 */
public final class MxTls {

  private MxTls() {}

  public static Optional<ProbeResult> probe(CheckContext ctx, String mxHost) {
    List<InetAddress> addresses = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      DnsAnswer a = ctx.dns().query(mxHost, type);
      addresses.addAll(a.addresses());
    }
    for (InetAddress ip : addresses) {
      AddressClass c = Addresses.classify(ip);
      if (c == AddressClass.DOCUMENTATION || !(c.isPublic() || ctx.request().assumedPublic(ip))) {
        continue;
      }
      ProbeOptions options =
          ProbeOptions.defaults(ctx.clock())
              .withTlsScan(false)
              .withinBudget(ctx.request().checkTimeout())
              .withExtraTrust(ctx.request().extraTrust());
      return Optional.of(
          new Prober(ctx.connector(), options).probe(ProbeTarget.of(mxHost, ip, Service.SMTP)));
    }
    return Optional.empty();
  }
}
