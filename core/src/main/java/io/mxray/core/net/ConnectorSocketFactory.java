package io.mxray.core.net;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import org.xbill.DNS.Type;

/**
 * A {@link SocketFactory} for libraries that open their own sockets (Jakarta/Angus Mail's IMAP
 * store): every socket it makes connects through the {@link Connector} port, after resolving the
 * host name through the {@link DnsClient} port, so such a library goes out the same single way as
 * the probes. The sockets are unconnected until the library calls {@code connect}; TLS is layered
 * on top by the library (implicit TLS or STARTTLS) as on any socket.
 */
public final class ConnectorSocketFactory extends SocketFactory {

  private final Connector connector;
  private final Optional<DnsClient> dns;
  private final Duration connectTimeout;

  /**
   * @param dns resolves host names here; empty to hand the connector unresolved names (a connector
   *     that resolves through the DNS port itself, such as a guarded egress)
   * @param connectTimeout used when the library asks for no timeout
   */
  public ConnectorSocketFactory(
      Connector connector, Optional<DnsClient> dns, Duration connectTimeout) {
    this.connector = connector;
    this.dns = dns;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public Socket createSocket() {
    return new PortSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(InetSocketAddress.createUnresolved(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address, port);
  }

  /** The addresses to try for {@code address}: its literal, or the DNS port's A/AAAA answers. */
  List<InetSocketAddress> targets(InetSocketAddress address) throws UnknownHostException {
    String host = address.getHostString();
    Optional<InetAddress> literal = Addresses.parse(host);
    if (literal.isPresent()) {
      return List.of(new InetSocketAddress(literal.get(), address.getPort()));
    }
    if (dns.isEmpty()) {
      // The connector resolves (the guarded egress does, through the DNS port) or refuses.
      return List.of(
          address.isUnresolved()
              ? address
              : InetSocketAddress.createUnresolved(host, address.getPort()));
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      DnsAnswer a = dns.get().query(host, type);
      a.addresses().forEach(ip -> out.add(new InetSocketAddress(ip, address.getPort())));
    }
    if (out.isEmpty()) {
      throw new UnknownHostException(host + ": no address");
    }
    return out;
  }

  /** A socket whose connect goes through the port; everything else forwards to that socket. */
  private final class PortSocket extends Socket {
    private Socket delegate;
    private int soTimeout;
    private boolean closed;

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress isa)) {
        throw new SocketException("unsupported address type");
      }
      Duration t = timeout > 0 ? Duration.ofMillis(timeout) : connectTimeout;
      IOException last = null;
      for (InetSocketAddress target : targets(isa)) {
        try {
          delegate = connector.connect(target, t);
          if (soTimeout > 0) {
            delegate.setSoTimeout(soTimeout);
          }
          return;
        } catch (IOException e) {
          last = e;
        }
      }
      throw last != null ? last : new SocketException("no address to connect to");
    }

    private Socket d() throws SocketException {
      if (delegate == null) {
        throw new SocketException("not connected");
      }
      return delegate;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return d().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return d().getOutputStream();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      soTimeout = timeout;
      if (delegate != null) {
        delegate.setSoTimeout(timeout);
      }
    }

    @Override
    public synchronized int getSoTimeout() {
      return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
      d().setTcpNoDelay(on);
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
      d().setKeepAlive(on);
    }

    @Override
    public boolean isConnected() {
      return delegate != null && delegate.isConnected();
    }

    @Override
    public boolean isClosed() {
      return closed || (delegate != null && delegate.isClosed());
    }

    @Override
    public InetAddress getInetAddress() {
      return delegate == null ? null : delegate.getInetAddress();
    }

    @Override
    public int getPort() {
      return delegate == null ? 0 : delegate.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
      return delegate == null ? null : delegate.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
      return delegate == null ? -1 : delegate.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return delegate == null ? null : delegate.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return delegate == null ? null : delegate.getLocalSocketAddress();
    }

    @Override
    public void shutdownInput() throws IOException {
      d().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      d().shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (delegate != null) {
        delegate.close();
      }
    }
  }
}
