package io.mxray.core.http;

import java.net.URI;
import java.time.Duration;

/**
 * The HTTPS port (MTA-STS policies, BIMI assets): one GET, certificate validated, no redirects
 * followed, body capped, deadline enforced. Never throws for network outcomes: they are data in the
 * result.
 */
public interface HttpsFetcher {

  HttpsResult fetch(URI uri, Duration timeout, int maxBytes);
}
