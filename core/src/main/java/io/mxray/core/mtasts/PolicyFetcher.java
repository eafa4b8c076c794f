package io.mxray.core.mtasts;

import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches an MTA-STS policy (RFC 8461 §3.3) through the {@link HttpsFetcher} port: HTTPS with a
 * validated certificate for {@code mta-sts.<domain>}, redirects not followed, body capped, deadline
 * enforced.
 */
public final class PolicyFetcher {

  /** Deadline for the policy fetch (§3.3 suggests senders wait no more than a minute). */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private PolicyFetcher() {}

  public static URI policyUri(String domain) {
    return URI.create("https://mta-sts." + domain + "/.well-known/mta-sts.txt");
  }

  public static HttpsResult fetch(HttpsFetcher https, String domain) {
    return https.fetch(policyUri(domain), TIMEOUT, MtaStsPolicy.MAX_BYTES);
  }
}
