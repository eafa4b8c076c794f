package io.mxray.core.watch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers a change alert: POSTs the JSON body with an HMAC-SHA256 signature over {@code timestamp
 * + "." + body} (the scheme Stripe and GitHub receivers know: replay-resistant with the timestamp),
 * retrying with exponential backoff on no response, 408, 429 and 5xx.
 *
 * <p>Headers: {@code Content-Type: application/json}, {@code User-Agent: mxray}, {@code
 * X-Mxray-Event: watch.diff}, {@code X-Mxray-Timestamp: <unix seconds>}, {@code X-Mxray-Signature:
 * sha256=<hex>} (only with a secret).
 */
public final class WebhookNotifier {

  /** How a receiver verifies: HMAC-SHA256(secret, timestamp + "." + body), hex, after "sha256=". */
  public static final String SIGNATURE_HEADER = "X-Mxray-Signature";

  public static final String TIMESTAMP_HEADER = "X-Mxray-Timestamp";

  /** Sleeps between tries; tests pass one that records instead. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** What happened to one alert. */
  public record Delivery(boolean delivered, int attempts, int lastStatus, String detail) {}

  private final WebhookSender sender;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration timeout;

  public WebhookNotifier(
      WebhookSender sender,
      Clock clock,
      Sleeper sleeper,
      int maxAttempts,
      Duration firstBackoff,
      Duration timeout) {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10");
    }
    this.sender = sender;
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.timeout = timeout;
  }

  /** Five tries, 2 s then doubling (2, 4, 8, 16 s), 10 s per try. */
  public static WebhookNotifier standard(WebhookSender sender, Clock clock) {
    return new WebhookNotifier(
        sender,
        clock,
        d -> Thread.sleep(d.toMillis()),
        5,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10));
  }

  public Delivery send(String url, String secret, String jsonBody) {
    return send(url, secret, jsonBody, "watch.diff");
  }

  /** As {@link #send(String, String, String)}, with another {@code X-Mxray-Event} name. */
  public Delivery send(String url, String secret, String jsonBody, String event) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    URI target;
    try {
      WatchEntry.validateWebhook(url);
      target = URI.create(url);
    } catch (IllegalArgumentException e) {
      return new Delivery(false, 0, 0, e.getMessage());
    }
    WebhookSender.Response last = new WebhookSender.Response(0, "not sent");
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      String ts = Long.toString(clock.instant().getEpochSecond());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("User-Agent", "mxray");
      headers.put("X-Mxray-Event", event);
      headers.put(TIMESTAMP_HEADER, ts);
      if (secret != null && !secret.isEmpty()) {
        headers.put(SIGNATURE_HEADER, "sha256=" + sign(secret, ts, body));
      }
      last = sender.post(target, headers, body, timeout);
      if (last.delivered()) {
        return new Delivery(true, attempt, last.status(), "");
      }
      if (!last.retryable() || attempt == maxAttempts) {
        return new Delivery(false, attempt, last.status(), last.detail());
      }
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery(false, attempt, last.status(), "interrupted");
      }
      backoff = backoff.multipliedBy(2);
    }
    return new Delivery(false, maxAttempts, last.status(), last.detail());
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
