package io.mxray.web;

import io.mxray.core.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the service runs.
 *
 * @param bind address to listen on (127.0.0.1 by default: expose it deliberately)
 * @param port TCP port; 0 picks a free one
 * @param allowCidrs blocks the SSRF guard lets probes and fetches connect to despite being
 *     non-public
 * @param assumePublic blocks audits treat as public (labs, zone files with documentation addresses)
 * @param cacheTtl how long results are reused (0 disables the cache)
 * @param rateLimitPerMinute API requests per client address per minute (burst of the same size); 0
 *     disables
 * @param bodyLimitBytes largest request body accepted (413 beyond)
 * @param requestTimeout deadline for one API request (503 beyond)
 * @param checkTimeout deadline for each check of an audit
 * @param generator "mxray VERSION", shown in HTML footers
 */
public record WebConfig(
    String bind,
    int port,
    List<Cidr> allowCidrs,
    List<Cidr> assumePublic,
    Duration cacheTtl,
    int rateLimitPerMinute,
    long bodyLimitBytes,
    Duration requestTimeout,
    Duration checkTimeout,
    String generator) {

  public static final long DEFAULT_BODY_LIMIT = 5L * 1024 * 1024;

  public WebConfig {
    Objects.requireNonNull(bind, "bind");
    allowCidrs = List.copyOf(allowCidrs);
    assumePublic = List.copyOf(assumePublic);
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(checkTimeout, "checkTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
  }

  public static WebConfig defaults() {
    return new WebConfig(
        "127.0.0.1",
        8080,
        List.of(),
        List.of(),
        Duration.ofSeconds(60),
        60,
        DEFAULT_BODY_LIMIT,
        Duration.ofSeconds(90),
        Duration.ofSeconds(60),
        "mxray");
  }

  public WebConfig withPort(int p) {
    return new WebConfig(
        bind,
        p,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withAllowCidrs(List<Cidr> blocks) {
    return new WebConfig(
        bind,
        port,
        blocks,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withAssumePublic(List<Cidr> blocks) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        blocks,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withCacheTtl(Duration ttl) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        ttl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withRateLimit(int perMinute) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        perMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withBodyLimit(long bytes) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withRequestTimeout(Duration t) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        t,
        checkTimeout,
        generator);
  }

  public WebConfig withBind(String address) {
    return new WebConfig(
        address,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        generator);
  }

  public WebConfig withCheckTimeout(Duration t) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        t,
        generator);
  }

  public WebConfig withGenerator(String g) {
    return new WebConfig(
        bind,
        port,
        allowCidrs,
        assumePublic,
        cacheTtl,
        rateLimitPerMinute,
        bodyLimitBytes,
        requestTimeout,
        checkTimeout,
        g);
  }
}
