package io.mxray.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * {@link DnsClient} on dnsjava: the system resolvers or the servers given, UDP with TCP fallback on
 * truncation (dnsjava's {@link SimpleResolver} does the retry over TCP), EDNS0 with a 1232-octet
 * payload (the DNS flag day 2020 value), the AD bit requested (RFC 6840 §5.7), configurable timeout
 * and retries. This is the one place that maps dnsjava outcomes to {@link DnsStatus}.
 */
public final class DnsjavaClient implements DnsClient {

  /** Longest CNAME chain followed before giving up (a loop or a misconfiguration). */
  static final int MAX_CNAME_CHAIN = 8;

  private static final int EDNS_PAYLOAD = 1232;

  /**
   * dnsjava's continuations (parsing a reply, the next try) are short and never block: with a batch
   * transport they run on the thread that received the reply instead of being handed to the common
   * pool. Callers' own callbacks then run there too and must never wait for another answer (the
   * receiving thread would wait for itself); with dnsjava's default transport (one selector thread
   * for the whole JVM) the common pool stays in between, so a careless callback costs a pool
   * thread, not a deadlock.
   */
  private static final java.util.concurrent.Executor SAME_THREAD = Runnable::run;

  /**
   * @param servers resolvers to ask; empty means the system's (resolv.conf)
   * @param timeout per-try timeout
   * @param retries extra tries per server after the first
   * @param authoritativePort port used for direct questions to name servers (53; a lab may move it)
   */
  public record Config(
      List<InetSocketAddress> servers, Duration timeout, int retries, int authoritativePort) {
    public Config {
      servers = List.copyOf(servers);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be between 0 and 10");
      }
    }

    public static Config defaults() {
      return new Config(List.of(), Duration.ofSeconds(5), 1, 53);
    }
  }

  private final Config config;
  private final Resolver resolver;
  private final String serverLabel;
  private final org.xbill.DNS.io.IoClientFactory transport;

  public DnsjavaClient(Config config) {
    this(config, null);
  }

  /**
   * As above, with another transport for the resolvers (batches multiplex UDP over a few sockets).
   */
  public DnsjavaClient(Config config, org.xbill.DNS.io.IoClientFactory transport) {
    this.config = config;
    this.transport = transport;
    List<InetSocketAddress> servers =
        config.servers().isEmpty() ? ResolverConfig.getCurrentConfig().servers() : config.servers();
    List<Resolver> resolvers = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      SimpleResolver r = new SimpleResolver(s);
      r.setTimeout(config.timeout());
      r.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
      if (transport != null) {
        r.setIoClientFactory(transport);
      }
      resolvers.add(r);
    }
    if (resolvers.isEmpty()) {
      SimpleResolver r =
          new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
      r.setTimeout(config.timeout());
      resolvers.add(r);
    }
    ExtendedResolver ext = new ExtendedResolver(resolvers);
    ext.setRetries(config.retries() + 1);
    ext.setTimeout(config.timeout());
    ext.setLoadBalance(false);
    this.resolver = ext;
    this.serverLabel = describe(servers);
  }

  private static String describe(List<InetSocketAddress> servers) {
    List<String> parts = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      parts.add(s.getAddress().getHostAddress() + (s.getPort() == 53 ? "" : ":" + s.getPort()));
    }
    return String.join(",", parts);
  }

  /** Longest we wait for one question in total, across servers and retries. */
  private Duration overallDeadline() {
    long perServer = config.timeout().toMillis() * (config.retries() + 1L);
    int servers = Math.max(1, config.servers().size());
    return Duration.ofMillis(perServer * servers + 500);
  }

  @Override
  public DnsAnswer query(String name, int type) {
    try {
      return queryAsync(name, type).get(overallDeadline().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DnsAnswer.empty(
          DomainName.normalize(name), type, DnsStatus.TIMEOUT, serverLabel, 0, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return DnsAnswer.empty(
          DomainName.normalize(name), type, DnsStatus.TIMEOUT, serverLabel, 0, "no answer in time");
    }
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAsync(String name, int type) {
    String qname = DomainName.normalize(name);
    long start = System.nanoTime();
    return follow(qname, type, new ArrayList<>(), start)
        .thenApply(a -> a.withName(qname, a.cnameChain()));
  }

  private CompletableFuture<DnsAnswer> follow(
      String qname, int type, List<String> chain, long start) {
    Name n;
    try {
      n = DomainName.toName(qname);
    } catch (InvalidDomainException e) {
      return CompletableFuture.completedFuture(
          DnsAnswer.empty(
              qname, type, DnsStatus.NXDOMAIN, serverLabel, 0, "invalid name: " + e.getMessage()));
    }
    Message query = Message.newQuery(Record.newRecord(n, type, DClass.IN));
    query.getHeader().setFlag(Flags.AD);
    return send(resolver, query)
        .handle(
            (reply, error) -> {
              long ms = (System.nanoTime() - start) / 1_000_000;
              if (error != null) {
                return CompletableFuture.completedFuture(
                    failure(qname, type, error, serverLabel, ms, chain));
              }
              return interpret(qname, type, reply, chain, start, ms);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<DnsAnswer> interpret(
      String qname, int type, Message reply, List<String> chain, long start, long ms) {
    int rcode = reply.getRcode();
    boolean ad = reply.getHeader().getFlag(Flags.AD);
    boolean aa = reply.getHeader().getFlag(Flags.AA);
    if (rcode == Rcode.NXDOMAIN) {
      return done(
          new DnsAnswer(
              qname, type, DnsStatus.NXDOMAIN, List.of(), chain, ad, aa, serverLabel, ms, ""));
    }
    if (rcode == Rcode.SERVFAIL) {
      return done(
          new DnsAnswer(
              qname,
              type,
              DnsStatus.SERVFAIL,
              List.of(),
              chain,
              ad,
              aa,
              serverLabel,
              ms,
              "SERVFAIL"));
    }
    if (rcode == Rcode.REFUSED) {
      return done(
          new DnsAnswer(
              qname,
              type,
              DnsStatus.REFUSED,
              List.of(),
              chain,
              ad,
              aa,
              serverLabel,
              ms,
              "REFUSED"));
    }
    if (rcode != Rcode.NOERROR) {
      return done(
          new DnsAnswer(
              qname,
              type,
              DnsStatus.SERVFAIL,
              List.of(),
              chain,
              ad,
              aa,
              serverLabel,
              ms,
              "RCODE " + Rcode.string(rcode)));
    }
    // Walk the CNAME chain inside the answer section, then collect the records of the asked type.
    String current = qname;
    List<Record> answer = reply.getSection(Section.ANSWER);
    for (int hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      List<Record> matching = new ArrayList<>();
      CNAMERecord cname = null;
      for (Record r : answer) {
        if (!DomainName.normalize(r.getName()).equals(current)) {
          continue;
        }
        if (r.getType() == type) {
          matching.add(r);
        } else if (r instanceof CNAMERecord c) {
          cname = c;
        }
      }
      if (!matching.isEmpty()) {
        return done(
            new DnsAnswer(
                qname, type, DnsStatus.NOERROR, matching, chain, ad, aa, serverLabel, ms, ""));
      }
      if (cname == null) {
        break;
      }
      String target = DomainName.normalize(cname.getTarget());
      if (chain.contains(target) || target.equals(qname) || chain.size() >= MAX_CNAME_CHAIN) {
        return done(
            new DnsAnswer(
                qname,
                type,
                DnsStatus.SERVFAIL,
                List.of(),
                chain,
                ad,
                aa,
                serverLabel,
                ms,
                "CNAME loop or chain longer than " + MAX_CNAME_CHAIN));
      }
      chain.add(target);
      current = target;
    }
    if (!current.equals(qname) && answer.stream().noneMatch(r -> r.getType() == type)) {
      // The chain left the answer section (an authoritative server stops at its zone edge): ask
      // again.
      return follow(current, type, chain, start).thenApply(a -> a.withName(qname, a.cnameChain()));
    }
    return done(
        new DnsAnswer(
            qname, type, DnsStatus.NODATA, List.of(), chain, ad, aa, serverLabel, ms, ""));
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    try {
      return queryAuthoritativeAsync(server, name, type)
          .get(config.timeout().toMillis() * 2 + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DnsAnswer.empty(
          DomainName.normalize(name), type, DnsStatus.TIMEOUT, label(server), 0, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return failure(
          DomainName.normalize(name),
          type,
          e,
          label(server),
          config.timeout().toMillis() * 2,
          List.of());
    }
  }

  @Override
  public CompletableFuture<DnsAnswer> queryAuthoritativeAsync(
      InetAddress server, String name, int type) {
    String qname = DomainName.normalize(name);
    SimpleResolver direct =
        new SimpleResolver(new InetSocketAddress(server, config.authoritativePort()));
    direct.setTimeout(config.timeout());
    direct.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
    if (transport != null) {
      direct.setIoClientFactory(transport);
    }
    String label = label(server);
    Message query;
    try {
      query = Message.newQuery(Record.newRecord(DomainName.toName(qname), type, DClass.IN));
    } catch (InvalidDomainException e) {
      return done(DnsAnswer.empty(qname, type, DnsStatus.NXDOMAIN, label, 0, e.getMessage()));
    }
    query.getHeader().unsetFlag(Flags.RD);
    long start = System.nanoTime();
    return send(direct, query)
        .handle(
            (reply, error) -> {
              long ms = (System.nanoTime() - start) / 1_000_000;
              if (error != null) {
                return failure(qname, type, error, label, ms, List.of());
              }
              int rcode = reply.getRcode();
              boolean aa = reply.getHeader().getFlag(Flags.AA);
              DnsStatus status =
                  switch (rcode) {
                    case Rcode.NXDOMAIN -> DnsStatus.NXDOMAIN;
                    case Rcode.REFUSED -> DnsStatus.REFUSED;
                    case Rcode.NOERROR -> DnsStatus.NOERROR;
                    default -> DnsStatus.SERVFAIL;
                  };
              List<Record> records = new ArrayList<>();
              for (Record r : reply.getSection(Section.ANSWER)) {
                if (r.getType() == type) {
                  records.add(r);
                }
              }
              if (status == DnsStatus.NOERROR && records.isEmpty()) {
                status = DnsStatus.NODATA;
              }
              return new DnsAnswer(
                  qname,
                  type,
                  status,
                  records,
                  List.of(),
                  false,
                  aa,
                  label,
                  ms,
                  status == DnsStatus.SERVFAIL ? "RCODE " + Rcode.string(rcode) : "");
            });
  }

  private String label(InetAddress server) {
    return server.getHostAddress()
        + (config.authoritativePort() == 53 ? "" : ":" + config.authoritativePort());
  }

  private CompletableFuture<Message> send(Resolver r, Message query) {
    try {
      return (transport == null ? r.sendAsync(query) : r.sendAsync(query, SAME_THREAD))
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static CompletableFuture<DnsAnswer> done(DnsAnswer a) {
    return CompletableFuture.completedFuture(a);
  }

  private static DnsAnswer failure(
      String qname, int type, Throwable error, String server, long ms, List<String> chain) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String detail =
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    boolean timeout =
        cause instanceof SocketTimeoutException
            || cause instanceof TimeoutException
            || (cause instanceof IOException
                && String.valueOf(cause.getMessage()).toLowerCase().contains("timed out"));
    // Unreachable servers (ICMP port unreachable, no route) also leave us unable to tell: TIMEOUT.
    DnsStatus status =
        timeout || cause instanceof IOException ? DnsStatus.TIMEOUT : DnsStatus.SERVFAIL;
    return new DnsAnswer(qname, type, status, List.of(), chain, false, false, server, ms, detail);
  }

  @Override
  public String toString() {
    return "DnsjavaClient[" + serverLabel + "]";
  }
}
