package io.mxray.core.batch;

import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One TTL-respecting DNS cache shared by every audit of a batch: domains of one provider share MX
 * hosts, their addresses and PTRs, name servers and parent zones, so each is asked once per TTL,
 * not once per domain. Bounded: when it holds {@code maxEntries} answers it starts afresh (a
 * generation swap — cheap, lock-free, and after a swap the hot shared names refill at once). Direct
 * questions to name servers (lame-delegation checks) pass through uncached, as in {@link
 * CachingDnsClient}.
 */
public final class SharedDnsCache implements DnsClient {

  public static final int DEFAULT_MAX_ENTRIES = 200_000;

  private final DnsClient delegate;
  private final Clock clock;
  private final int maxEntries;
  private final AtomicReference<CachingDnsClient> current;

  public SharedDnsCache(DnsClient delegate, Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.delegate = delegate;
    this.clock = clock;
    this.maxEntries = maxEntries;
    this.current = new AtomicReference<>(new CachingDnsClient(delegate, clock));
  }

  private CachingDnsClient cache() {
    CachingDnsClient c = current.get();
    if (c.size() >= maxEntries) {
      CachingDnsClient fresh = new CachingDnsClient(delegate, clock);
      return current.compareAndSet(c, fresh) ? fresh : current.get();
    }
    return c;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    return cache().query(name, type);
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    return cache().queryAsync(name, type);
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    return delegate.queryAuthoritative(server, name, type);
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    return delegate.queryAuthoritativeAsync(server, name, type);
  }

  /** Answers held by the current generation. */
  public int size() {
    return current.get().size();
  }
}
