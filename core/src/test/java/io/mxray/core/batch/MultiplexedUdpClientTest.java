package io.mxray.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The shared-socket UDP transport, against loopback sockets the test controls. */
class MultiplexedUdpClientTest {

  private static byte[] query(int id) throws Exception {
    Message m =
        Message.newQuery(Record.newRecord(Name.fromString("a.example."), Type.MX, DClass.IN));
    m.getHeader().setID(id);
    return m.toWire();
  }

  private static DatagramPacket receive(DatagramSocket s) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
    s.receive(p);
    return p;
  }

  @Test
  void matchesRepliesByServerAndIdAndIgnoresStrangers() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        MultiplexedUdpClient client = new MultiplexedUdpClient(2)) {
      server.setSoTimeout(5000);
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
      byte[] q = query(0x1234);
      CompletableFuture<byte[]> f =
          client.sendAndReceiveUdp(null, addr, null, q, 1232, Duration.ofSeconds(5));
      DatagramPacket got = receive(server);
      byte[] reply = Arrays.copyOf(got.getData(), got.getLength());
      reply[2] |= (byte) 0x80; // QR
      // A spoofed reply from another port, and one with the wrong ID, must not complete the
      // question.
      stranger.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
      byte[] wrongId = reply.clone();
      wrongId[1] ^= 1;
      server.send(new DatagramPacket(wrongId, wrongId.length, got.getSocketAddress()));
      Thread.sleep(200);
      assertThat(f).isNotDone();
      server.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
      assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(reply);
    }
  }

  @Test
  void timesOutWhenNoReplyComes() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        MultiplexedUdpClient client = new MultiplexedUdpClient(1)) {
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
      CompletableFuture<byte[]> f =
          client.sendAndReceiveUdp(null, addr, null, query(7), 1232, Duration.ofMillis(200));
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void sendsTheSameIdToTheSameServerFromDifferentSockets() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        MultiplexedUdpClient client = new MultiplexedUdpClient(2)) {
      server.setSoTimeout(5000);
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
      client.sendAndReceiveUdp(null, addr, null, query(99), 1232, Duration.ofSeconds(5));
      client.sendAndReceiveUdp(null, addr, null, query(99), 1232, Duration.ofSeconds(5));
      int port1 = receive(server).getPort();
      int port2 = receive(server).getPort();
      assertThat(port1).isNotEqualTo(port2);
    }
  }

  @Test
  void keepsAtMostMaxInFlightOnTheWireAndStartsEachTimeoutWhenSent() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        MultiplexedUdpClient client = new MultiplexedUdpClient(2, 1)) {
      server.setSoTimeout(5000);
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
      // Three questions, each with a 400 ms timeout, one on the wire at a time; the server takes
      // 250 ms each.
      java.util.List<CompletableFuture<byte[]>> fs = new java.util.ArrayList<>();
      for (int id = 1; id <= 3; id++) {
        fs.add(client.sendAndReceiveUdp(null, addr, null, query(id), 1232, Duration.ofMillis(400)));
      }
      for (int i = 0; i < 3; i++) {
        DatagramPacket got = receive(server);
        server.setSoTimeout(150);
        // While this one is unanswered, no other question arrives.
        assertThatThrownBy(() -> receive(server))
            .isInstanceOf(java.net.SocketTimeoutException.class);
        server.setSoTimeout(5000);
        Thread.sleep(100);
        byte[] reply = Arrays.copyOf(got.getData(), got.getLength());
        reply[2] |= (byte) 0x80;
        server.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
      }
      // 750 ms in all, yet none timed out: each timeout started when its question was sent.
      for (CompletableFuture<byte[]> f : fs) {
        assertThat(f.get(5, TimeUnit.SECONDS)).hasSizeGreaterThan(12);
      }
    }
  }

  @Test
  void aTimedOutQuestionFreesItsPlaceForTheNext() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        MultiplexedUdpClient client = new MultiplexedUdpClient(1, 1)) {
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
      CompletableFuture<byte[]> first =
          client.sendAndReceiveUdp(null, addr, null, query(1), 1232, Duration.ofMillis(100));
      CompletableFuture<byte[]> second =
          client.sendAndReceiveUdp(null, addr, null, query(2), 1232, Duration.ofMillis(100));
      assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SocketTimeoutException.class);
      assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closingFailsQueuedQuestionsToo() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      MultiplexedUdpClient client = new MultiplexedUdpClient(1, 1);
      InetSocketAddress addr =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
      java.util.List<CompletableFuture<byte[]>> fs = new java.util.ArrayList<>();
      for (int id = 1; id <= 50; id++) {
        fs.add(client.sendAndReceiveUdp(null, addr, null, query(id), 1232, Duration.ofSeconds(30)));
      }
      client.close();
      for (CompletableFuture<byte[]> f : fs) {
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      }
    }
  }
}
