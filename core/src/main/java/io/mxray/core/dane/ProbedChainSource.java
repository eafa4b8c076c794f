package io.mxray.core.dane;

import io.mxray.core.audit.CheckContext;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import io.mxray.core.probe.ProbeOptions;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTarget;
import io.mxray.core.probe.Prober;
import io.mxray.core.probe.Service;
import io.mxray.core.probe.TlsReport;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The chain an MX presents on port 25 after STARTTLS, from one quick SMTP probe (no TLS version scan)
 * through the context's connector. Unknown (empty) when the host has no routable address, cannot be
 * reached or TLS fails.
 */
final class ProbedChainSource implements ChainSource {

  @Override
  public List<X509Certificate> chain(CheckContext ctx, String mxHost) {
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
      ProbeOptions options = ProbeOptions.defaults(ctx.clock()).withTlsScan(false)
          .withinBudget(ctx.request().checkTimeout());
      ProbeResult r = new Prober(ctx.connector(), options).probe(ProbeTarget.of(mxHost, ip, Service.SMTP));
      return r.tls().filter(TlsReport::established).map(TlsReport::certificates).orElse(List.of());
    }
    return List.of();
  }
}
