package io.mxray.core.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * A scriptable DNS server on 127.0.0.1, UDP and TCP on the same ephemeral port. The handler gets
 * the query and the transport ("udp"/"tcp") and returns the reply, or null to stay silent.
 */
final class FakeDnsServer implements AutoCloseable {

  interface Handler {
    Message answer(Message query, String transport);
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Handler handler;
  final AtomicInteger udpQueries = new AtomicInteger();
  final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile boolean running = true;

  FakeDnsServer(Handler handler) throws IOException {
    this.handler = handler;
    ServerSocket t = null;
    DatagramSocket u = null;
    for (int attempt = 0; attempt < 20 && u == null; attempt++) {
      t = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      try {
        u =
            new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), t.getLocalPort()));
      } catch (IOException e) {
        t.close();
      }
    }
    if (u == null) {
      throw new IOException("no free port for UDP+TCP");
    }
    this.tcp = t;
    this.udp = u;
    Thread a = new Thread(this::serveUdp, "fake-dns-udp");
    a.setDaemon(true);
    a.start();
    Thread b = new Thread(this::serveTcp, "fake-dns-tcp");
    b.setDaemon(true);
    b.start();
  }

  static Function<Message, Message> reply(int rcode) {
    return q -> {
      Message m = new Message(q.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setRcode(rcode);
      m.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
      return m;
    };
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort());
  }

  private void serveUdp() {
    byte[] buf = new byte[4096];
    while (running) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        udpQueries.incrementAndGet();
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Message r = handler.answer(q, "udp");
        if (r != null) {
          byte[] wire = r.toWire();
          udp.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (running) {
      try (Socket s = tcp.accept()) {
        tcpQueries.incrementAndGet();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] q = new byte[in.readUnsignedShort()];
        in.readFully(q);
        Message r = handler.answer(new Message(q), "tcp");
        if (r != null) {
          byte[] wire = r.toWire();
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          out.writeShort(wire.length);
          out.write(wire);
          out.flush();
        }
      } catch (IOException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    udp.close();
    tcp.close();
  }
}
