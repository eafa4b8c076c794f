package io.mxray.core.dns;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The DNS port. Every question gets a {@link DnsAnswer}: DNS outcomes (NXDOMAIN, SERVFAIL,
 * timeouts) are data, never exceptions. Implementations follow CNAME chains and are safe to call
 * from many threads.
 */
public interface DnsClient {

  /** Asks {@code name}/{@code type} through the configured resolvers, following CNAMEs. */
  DnsAnswer query(String name, int type);

  /**
   * Non-blocking form of {@link #query}. The default runs the blocking query on the caller's
   * thread; network clients override it with truly asynchronous I/O.
   */
  default CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    return CompletableFuture.completedFuture(query(name, type));
  }

  /**
   * Asks one name server directly (no recursion desired), to see whether it answers authoritatively
   * (the AA flag) — the basis of lame-delegation checks.
   */
  DnsAnswer queryAuthoritative(InetAddress server, String name, int type);

  /**
   * Non-blocking form of {@link #queryAuthoritative}. The default asks on the caller's thread;
   * network clients override it with truly asynchronous I/O.
   */
  default CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    return CompletableFuture.completedFuture(queryAuthoritative(server, name, type));
  }
}
