package io.mxray.core.audit;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.net.Connector;
import java.util.Objects;

/** The I/O a check may do: DNS, TCP connections, HTTPS GETs. */
public record Ports(DnsClient dns, Connector connector, HttpsFetcher https) {
  public Ports {
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(https, "https");
  }
}
