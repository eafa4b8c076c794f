package io.mxray.core.audit;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.DomainName;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DNS client checks see during one audit: every question is asked once (asynchronously) and its
 * future kept for the whole audit, whatever the outcome, so a check re-run in replay mode (see
 * {@link DnsAwait}) finds exactly the answers it saw before and never asks twice. Blocking calls
 * wait through {@link DnsAwait#await}, which unwinds instead of blocking in replay mode.
 */
final class ReplayDnsClient implements DnsClient {

  private record Key(String name, int type, InetAddress server) {}

  private final DnsClient delegate;
  private final ConcurrentHashMap<Key, CompletableFuture<DnsAnswer>> memo =
      new ConcurrentHashMap<>();

  ReplayDnsClient(DnsClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    return DnsAwait.await(queryAsync(name, type));
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    String n = DomainName.normalize(name);
    return memo.computeIfAbsent(new Key(n, type, null), k -> delegate.queryAsync(n, type));
  }

  /**
   * True when {@code name} does not exist as far as this audit saw: at least one question about the
   * name itself was answered NXDOMAIN and none found it (a server that answers NXDOMAIN for one
   * type while the name has others is broken, and then nothing is concluded). Questions that failed
   * do not count.
   */
  boolean sawOnlyNxdomain(String name) {
    String n = DomainName.normalize(name);
    boolean nx = false;
    for (var e : memo.entrySet()) {
      CompletableFuture<DnsAnswer> f = e.getValue();
      if (e.getKey().server() != null
          || !e.getKey().name().equals(n)
          || !f.isDone()
          || f.isCompletedExceptionally()) {
        continue;
      }
      DnsStatus status = f.join().status();
      if (status == DnsStatus.NXDOMAIN) {
        nx = true;
      } else if (status == DnsStatus.NOERROR || status == DnsStatus.NODATA) {
        return false;
      }
    }
    return nx;
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    return DnsAwait.await(queryAuthoritativeAsync(server, name, type));
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    String n = DomainName.normalize(name);
    return memo.computeIfAbsent(
        new Key(n, type, server), k -> delegate.queryAuthoritativeAsync(server, n, type));
  }
}
