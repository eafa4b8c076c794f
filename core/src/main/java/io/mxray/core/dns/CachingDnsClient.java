package io.mxray.core.dns;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TTL-respecting cache in front of another client, usually one per audit so that checks share
 * facts (the MX list) without asking twice. Concurrent identical questions share one lookup.
 * Failures are cached for a short time only; negative answers for {@link #NEGATIVE_TTL} (RFC 2308
 * caps at the SOA minimum, which we do not see through every resolver).
 */
public final class CachingDnsClient implements DnsClient {

  static final Duration NEGATIVE_TTL = Duration.ofSeconds(60);
  static final Duration FAILURE_TTL = Duration.ofSeconds(5);
  static final Duration MAX_TTL = Duration.ofHours(1);

  private record Key(String name, int type) {}

  private record Entry(CompletableFuture<DnsAnswer> answer, Instant[] expires) {}

  private final DnsClient delegate;
  private final Clock clock;
  private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();

  public CachingDnsClient(DnsClient delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    return queryAsync(name, type).join();
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    Key key = new Key(DomainName.normalize(name), type);
    Instant now = clock.instant();
    Entry e =
        cache.compute(
            key,
            (k, old) -> {
              if (old != null && (old.expires[0] == null || old.expires[0].isAfter(now))) {
                return old;
              }
              Instant[] expires = new Instant[1];
              CompletableFuture<DnsAnswer> f =
                  delegate
                      .queryAsync(k.name(), k.type())
                      .whenComplete((a, err) -> expires[0] = clock.instant().plus(ttlOf(a)));
              return new Entry(f, expires);
            });
    return e.answer;
  }

  private static Duration ttlOf(DnsAnswer a) {
    if (a == null || a.isFailure()) {
      return FAILURE_TTL;
    }
    if (!a.hasRecords()) {
      return NEGATIVE_TTL;
    }
    Duration ttl = Duration.ofSeconds(Math.max(0, a.minTtl()));
    return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
  }

  /** Direct questions to name servers are not cached: each is a separate observation. */
  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    return delegate.queryAuthoritative(server, name, type);
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    return delegate.queryAuthoritativeAsync(server, name, type);
  }

  public int size() {
    return cache.size();
  }
}
