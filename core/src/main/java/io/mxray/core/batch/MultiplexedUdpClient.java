package io.mxray.core.batch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * A dnsjava UDP transport for batches: a fixed set of long-lived sockets (each on its own random ephemeral
 * port, one receiving thread each) shared by every question, replies matched by server address and
 * message ID. dnsjava's default transport opens and closes a socket per question, which on a small machine
 * caps a batch at a couple of thousand questions per second; this one keeps thousands in flight.
 *
 * <p>Trade-off, documented in docs/batch.md: fewer source ports than one-per-question means less entropy
 * against off-path spoofing (RFC 5452 §9.2), so use it towards resolvers you trust (your own, or loopback).
 * A question whose ID is already in flight to the same server on every socket falls back to dnsjava's
 * default transport; TCP (truncated replies) always uses the default.
 */
public final class MultiplexedUdpClient implements UdpIoClient, AutoCloseable {

  /** Largest DNS message we accept over UDP (EDNS payloads above this are not offered). */
  private static final int MAX_DATAGRAM = 4096;

  private record Key(InetSocketAddress server, int id) {}

  private final List<DatagramChannel> channels = new ArrayList<>();
  private final List<ConcurrentHashMap<Key, CompletableFuture<byte[]>>> pending = new ArrayList<>();
  private final UdpIoClient fallback = new DefaultIoClientFactory().createOrGetUdpClient();
  private final java.util.concurrent.ScheduledExecutorService timer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mxray-udp-timer");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean closed;

  public MultiplexedUdpClient(int sockets) throws IOException {
    if (sockets < 1 || sockets > 64) {
      throw new IllegalArgumentException("sockets must be between 1 and 64");
    }
    for (int i = 0; i < sockets; i++) {
      DatagramChannel ch = DatagramChannel.open();
      ch.bind(null); // an ephemeral port chosen (randomly, on Linux) by the kernel
      ch.configureBlocking(true);
      ConcurrentHashMap<Key, CompletableFuture<byte[]>> map = new ConcurrentHashMap<>();
      channels.add(ch);
      pending.add(map);
      Thread t = new Thread(() -> receive(ch, map), "mxray-udp-" + i);
      t.setDaemon(true);
      t.start();
    }
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
  public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote,
      Message query, byte[] data, int max, Duration timeout) {
    if (closed || local != null || data.length < 12) {
      return fallback.sendAndReceiveUdp(local, remote, query, data, max, timeout);
    }
    int id = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    Key key = new Key(remote, id);
    int start = ThreadLocalRandom.current().nextInt(channels.size());
    for (int i = 0; i < channels.size(); i++) {
      int slot = (start + i) % channels.size();
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      if (pending.get(slot).putIfAbsent(key, f) != null) {
        continue; // this ID is in flight to this server on this socket: try another socket
      }
      ConcurrentHashMap<Key, CompletableFuture<byte[]>> map = pending.get(slot);
      var deadline = timer.schedule(() -> f.completeExceptionally(new SocketTimeoutException("Query timed out")),
          timeout.toMillis(), TimeUnit.MILLISECONDS);
      f.whenComplete((r, e) -> {
        map.remove(key, f);
        deadline.cancel(false);
      });
      try {
        channels.get(slot).send(ByteBuffer.wrap(data), remote);
      } catch (IOException e) {
        f.completeExceptionally(e);
        return f;
      }
      return f;
    }
    return fallback.sendAndReceiveUdp(local, remote, query, data, max, timeout);
  }

  private void receive(DatagramChannel ch, ConcurrentHashMap<Key, CompletableFuture<byte[]>> map) {
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
        // Only a reply from the server we asked, with the ID we sent, completes a question; dnsjava then
        // checks the question section too.
        CompletableFuture<byte[]> f = map.get(new Key(from, id));
        if (f != null) {
          f.complete(reply);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // ICMP errors surface on some systems as exceptions on receive; the question times out instead.
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
      map.values().forEach(f -> f.completeExceptionally(new ClosedChannelException()));
    }
  }
}
