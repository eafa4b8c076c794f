package io.mxray.core.dane;

import io.mxray.core.audit.CheckContext;
import io.mxray.core.probe.MxTls;
import io.mxray.core.probe.TlsReport;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The chain an MX presents on port 25 after STARTTLS, from one quick SMTP probe ({@link MxTls}).
 * Unknown (empty) when the host has no routable address, cannot be reached or TLS fails.
 */
final class ProbedChainSource implements ChainSource {

  @Override
  public List<X509Certificate> chain(CheckContext ctx, String mxHost) {
    return MxTls.probe(ctx, mxHost)
        .flatMap(r -> r.tls())
        .filter(TlsReport::established)
        .map(TlsReport::certificates)
        .orElse(List.of());
  }
}
