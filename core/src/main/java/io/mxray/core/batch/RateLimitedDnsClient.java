package io.mxray.core.batch;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DnsClient} that waits for the shared {@link QueryRateLimiter} before every question, so
 * a batch never sends more than {@code --qps} questions per second in total. The async form
 * schedules the question instead of blocking a thread.
 */
public final class RateLimitedDnsClient implements DnsClient {

  private final DnsClient delegate;
  private final QueryRateLimiter limiter;

  public RateLimitedDnsClient(DnsClient delegate, QueryRateLimiter limiter) {
    this.delegate = delegate;
    this.limiter = limiter;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    limiter.acquire();
    return delegate.query(name, type);
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    return afterPermit(() -> delegate.queryAsync(name, type));
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    limiter.acquire();
    return delegate.queryAuthoritative(server, name, type);
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    return afterPermit(() -> delegate.queryAuthoritativeAsync(server, name, type));
  }

  private static <T> CompletableFuture<T> later(
      long nanos, java.util.function.Supplier<CompletableFuture<T>> ask) {
    return CompletableFuture.supplyAsync(
            () -> null, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS))
        .thenCompose(x -> ask.get());
  }

  private CompletableFuture<DnsAnswer> afterPermit(
      java.util.function.Supplier<CompletableFuture<DnsAnswer>> ask) {
    long wait = limiter.reserve();
    return wait <= 0 ? ask.get() : later(wait, ask);
  }
}
