package io.mxray.core.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records every question that reaches it (name, type, status, time) — the DNS query log of a
 * report, and what tests use to assert lookup budgets. Place it in front of a cache to log only
 * real lookups, or behind to log every question a check asks.
 */
public final class RecordingDnsClient implements DnsClient {

  private final DnsClient delegate;
  private final List<DnsQuery> log = new ArrayList<>();

  public RecordingDnsClient(DnsClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    long start = System.nanoTime();
    DnsAnswer a = delegate.query(name, type);
    return record(a, start, "");
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    long start = System.nanoTime();
    return delegate.queryAsync(name, type).thenApply(a -> record(a, start, ""));
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    long start = System.nanoTime();
    DnsAnswer a = delegate.queryAuthoritative(server, name, type);
    return record(a, start, server.getHostAddress());
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    long start = System.nanoTime();
    return delegate
        .queryAuthoritativeAsync(server, name, type)
        .thenApply(a -> record(a, start, server.getHostAddress()));
  }

  private DnsAnswer record(DnsAnswer a, long start, String server) {
    long ms = a.millis() > 0 ? a.millis() : (System.nanoTime() - start) / 1_000_000;
    synchronized (log) {
      log.add(new DnsQuery(a.name(), a.typeName(), a.status(), ms, a.records().size(), server));
    }
    return a;
  }

  /** A snapshot of the questions asked so far, in order. */
  public List<DnsQuery> queries() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  public int count() {
    synchronized (log) {
      return log.size();
    }
  }

  public void clear() {
    synchronized (log) {
      log.clear();
    }
  }
}
