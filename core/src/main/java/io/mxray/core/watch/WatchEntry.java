package io.mxray.core.watch;

import io.mxray.core.dns.DomainName;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One watched domain.
 *
 * @param domain A-label form
 * @param every how often to re-audit (between {@link #MIN_EVERY} and {@link #MAX_EVERY})
 * @param webhook where to POST change alerts; empty for none
 * @param secret HMAC key for the webhook signature; empty to use the host's default
 * @param addedAt when the domain was added
 * @param nextRunAt when the scheduler audits it next
 */
public record WatchEntry(
    String domain,
    Duration every,
    String webhook,
    String secret,
    Instant addedAt,
    Instant nextRunAt) {

  public static final Duration MIN_EVERY = Duration.ofMinutes(1);
  public static final Duration MAX_EVERY = Duration.ofDays(7);
  public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

  public WatchEntry {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(every, "every");
    webhook = Objects.requireNonNullElse(webhook, "");
    secret = Objects.requireNonNullElse(secret, "");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(nextRunAt, "nextRunAt");
  }

  /**
   * A new entry, validated: the domain is parsed (IDN to A-labels), the interval bounded, the
   * webhook an absolute http(s) URL. Throws {@link IllegalArgumentException} with a one-line reason
   * otherwise (and {@link io.mxray.core.dns.InvalidDomainException} for a bad domain).
   */
  public static WatchEntry create(
      String domain, Duration every, String webhook, String secret, Instant now) {
    String d = DomainName.parse(domain).ascii();
    if (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0) {
      throw new IllegalArgumentException("the interval must be between 1m and 7d");
    }
    String hook = webhook == null ? "" : webhook.strip();
    if (!hook.isEmpty()) {
      validateWebhook(hook);
    }
    if (secret != null && secret.length() > 1024) {
      throw new IllegalArgumentException("the webhook secret is longer than 1024 characters");
    }
    return new WatchEntry(d, every, hook, secret, now, now);
  }

  static void validateWebhook(String hook) {
    URI uri;
    try {
      uri = URI.create(hook);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook '" + hook + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || hook.length() > 2048) {
      throw new IllegalArgumentException("the webhook must be an absolute http:// or https:// URL");
    }
  }

  public WatchEntry withNextRunAt(Instant next) {
    return new WatchEntry(domain, every, webhook, secret, addedAt, next);
  }
}
