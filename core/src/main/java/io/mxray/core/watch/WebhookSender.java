package io.mxray.core.watch;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The webhook port: one HTTP POST. Never throws for network outcomes: they are data in the result.
 */
public interface WebhookSender {

  /**
   * @param status HTTP status, 0 when no response arrived
   * @param detail error text when no response arrived
   */
  record Response(int status, String detail) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }

    /**
     * Worth another try: no response, rate limited, or a server error. Other 4xx will not get
     * better.
     */
    public boolean retryable() {
      return status == 0 || status == 408 || status == 429 || status >= 500;
    }
  }

  Response post(URI target, Map<String, String> headers, byte[] body, Duration timeout);
}
