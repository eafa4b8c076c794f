package io.mxray.core.audit;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.net.Connector;
import java.time.Clock;

/**
 * What a check may use: the request and the ports. The DNS client is the audit's shared caching
 * client.
 */
public record CheckContext(
    AuditRequest request, DnsClient dns, Connector connector, HttpsFetcher https, Clock clock) {

  /** The domain under audit, in A-label form. */
  public String domain() {
    return request.domain().ascii();
  }
}
