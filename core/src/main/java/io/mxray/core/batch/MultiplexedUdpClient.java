package io.mxray.core.batch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * A dnsjava UDP transport for batches: a fixed set of long-lived sockets (each on its own random
 * ephemeral port, one receiving thread each) shared by every question, replies matched by server
 * address and message ID. dnsjava's default transport opens and closes a socket per question, which
 * on a small machine caps a batch at a couple of thousand questions per second. This one keeps up
 * to {@code maxInFlight} questions on the wire and queues the rest in order (their timeout starts
 * when they are sent), so a burst never overflows the server's receive queue.
 *
 * <p>Trade-off, documented in docs/batch.md: fewer source ports than one-per-question means less
 * entropy against off-path spoofing (RFC 5452 §9.2), so use it towards resolvers you trust (your
 * own, or loopback). A question whose ID is already in flight to the same server on every socket
 * falls back to dnsjava's default transport; TCP (truncated replies) always uses the default.
 */
public final class MultiplexedUdpClient implements UdpIoClient, AutoCloseable {

  /** Largest DNS message we accept over UDP (EDNS payloads above this are not offered). */
  private static final int MAX_DATAGRAM = 4096;

  /**
   * Default for the most questions on the wire at once. A burst of thousands overflows the server's
   * receive queue (a Linux socket holds a few hundred small datagrams by default) and turns into
   * timeouts; a few hundred outstanding already keep a local authoritative server at full speed.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 128;

  /** Requested receive buffer per socket, in bytes. */
  private static final int RECEIVE_BUFFER = 4 << 20;

  private record Key(InetSocketAddress server, int id) {}

  /** A question on the wire: its reply future and when it times out ({@link System#nanoTime()}). */
  private record Pending(CompletableFuture<byte[]> reply, long deadline) {}

  /** How often timed-out questions are swept (a timeout fires up to this much late). */
  private static final long SWEEP_MILLIS = 20;

  private final List<DatagramChannel> channels = new ArrayList<>();
  private final List<ConcurrentHashMap<Key, Pending>> pending = new ArrayList<>();
  private final UdpIoClient fallback = new DefaultIoClientFactory().createOrGetUdpClient();
  private final java.util.concurrent.ScheduledExecutorService timer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mxray-udp-timer");
            t.setDaemon(true);
            return t;
          });
  private static final ThreadLocal<Boolean> DRAINING = new ThreadLocal<>();

  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  public MultiplexedUdpClient(int sockets) throws IOException {
    this(sockets, DEFAULT_MAX_IN_FLIGHT);
  }

  /**
   * @param sockets UDP sockets to spread questions over (1-64)
   * @param maxInFlight most questions on the wire at once; the rest wait their turn in order
   */
  public MultiplexedUdpClient(int sockets, int maxInFlight) throws IOException {
    if (sockets < 1 || sockets > 64) {
      throw new IllegalArgumentException("sockets must be between 1 and 64");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive");
    }
    this.maxInFlight = maxInFlight;
    for (int i = 0; i < sockets; i++) {
      DatagramChannel ch = DatagramChannel.open();
      ch.bind(null); // an ephemeral port chosen (randomly, on Linux) by the kernel
      // Thousands of replies can arrive in a burst: a deep receive queue (the kernel caps it at
      // net.core.rmem_max) keeps them from being dropped while the receiving thread is busy.
      ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      ch.configureBlocking(true);
      ConcurrentHashMap<Key, Pending> map = new ConcurrentHashMap<>();
      channels.add(ch);
      pending.add(map);
      Thread t = new Thread(() -> receive(ch, map), "mxray-udp-" + i);
      t.setDaemon(true);
      t.start();
    }
    // One sweep over the questions on the wire instead of a timer task per question.
    timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** An {@link IoClientFactory} with this UDP transport and dnsjava's default TCP one. */
  public IoClientFactory factory() {
    DefaultIoClientFactory defaults = new DefaultIoClientFactory();
    return new IoClientFactory() {
      @Override
      public TcpIoClient createOrGetTcpClient() {
        return defaults.createOrGetTcpClient();
      }

      @Override
      public UdpIoClient createOrGetUdpClient() {
        return MultiplexedUdpClient.this;
      }
    };
  }

  @Override
  public CompletableFuture<byte[]> sendAndReceiveUdp(
      InetSocketAddress local,
      InetSocketAddress remote,
      Message query,
      byte[] data,
      int max,
      Duration timeout) {
    if (closed || local != null || data.length < 12) {
      return fallback.sendAndReceiveUdp(local, remote, query, data, max, timeout);
    }
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    waiting.add(() -> transmit(remote, query, data, max, timeout, f));
    drain();
    return f;
  }

  /** Sends queued questions while fewer than {@code maxInFlight} are on the wire. */
  private void drain() {
    if (DRAINING.get() != null) {
      return; // a question completed synchronously inside transmit(): the loop below carries on
    }
    DRAINING.set(Boolean.TRUE);
    try {
      drainLoop();
    } finally {
      DRAINING.remove();
    }
  }

  private void drainLoop() {
    while (true) {
      int n = inFlight.get();
      if (n >= maxInFlight || waiting.isEmpty()) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Runnable next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet(); // another thread took it; look again
        continue;
      }
      next.run();
    }
  }

  /** Puts one question on the wire; {@code f} completes with the reply, a timeout or an error. */
  private void transmit(
      InetSocketAddress remote,
      Message query,
      byte[] data,
      int max,
      Duration timeout,
      CompletableFuture<byte[]> f) {
    f.whenComplete(
        (r, e) -> {
          inFlight.decrementAndGet();
          drain();
        });
    if (closed) {
      f.completeExceptionally(new ClosedChannelException());
      return;
    }
    int id = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    Key key = new Key(remote, id);
    int start = ThreadLocalRandom.current().nextInt(channels.size());
    for (int i = 0; i < channels.size(); i++) {
      int slot = (start + i) % channels.size();
      ConcurrentHashMap<Key, Pending> map = pending.get(slot);
      Pending p = new Pending(f, System.nanoTime() + timeout.toNanos());
      if (map.putIfAbsent(key, p) != null) {
        continue; // this ID is in flight to this server on this socket: try another socket
      }
      f.whenComplete((r, e) -> map.remove(key, p));
      try {
        channels.get(slot).send(ByteBuffer.wrap(data), remote);
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
      return;
    }
    fallback
        .sendAndReceiveUdp(null, remote, query, data, max, timeout)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                f.completeExceptionally(e);
              } else {
                f.complete(r);
              }
            });
  }

  private void sweep() {
    long now = System.nanoTime();
    for (var map : pending) {
      for (Pending p : map.values()) {
        if (now - p.deadline() > 0) {
          try {
            p.reply().completeExceptionally(new SocketTimeoutException("Query timed out"));
          } catch (RuntimeException e) {
            // a broken callback must not stop the sweeper (a scheduled task that throws never runs
            // again)
          }
        }
      }
    }
  }

  private void receive(DatagramChannel ch, ConcurrentHashMap<Key, Pending> map) {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closed) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
        buf.flip();
        if (from == null || buf.remaining() < 12) {
          continue;
        }
        byte[] reply = new byte[buf.remaining()];
        buf.get(reply);
        int id = ((reply[0] & 0xff) << 8) | (reply[1] & 0xff);
        // Only a reply from the server we asked, with the ID we sent, completes a question; dnsjava
        // then
        // checks the question section too.
        Pending p = map.get(new Key(from, id));
        if (p != null) {
          p.reply().complete(reply);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // ICMP errors surface on some systems as exceptions on receive; the question times out
        // instead.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    for (DatagramChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing: nothing to do
      }
    }
    for (var map : pending) {
      map.values().forEach(p -> p.reply().completeExceptionally(new ClosedChannelException()));
    }
    drain(); // queued questions now fail at once (closed)
  }
}
