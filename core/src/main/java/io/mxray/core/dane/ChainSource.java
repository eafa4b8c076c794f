package io.mxray.core.dane;

import io.mxray.core.audit.CheckContext;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the DANE check gets the certificate chain an MX presents on port 25 (after STARTTLS). The
 * audit wires the SMTP probe here when probing is on; without probing the chain is unknown (empty).
 */
@FunctionalInterface
public interface ChainSource {

  ChainSource NONE = (ctx, host) -> List.of();

  /** The chain, leaf first; empty when unknown (no probe, connection or TLS failed). */
  List<X509Certificate> chain(CheckContext ctx, String mxHost);
}
