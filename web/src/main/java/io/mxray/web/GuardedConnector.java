package io.mxray.web;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.net.Connector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link Connector} that applies the {@link TargetGuard} before connecting (to the given address,
 * or to every address an unresolved name resolves to through the service's DNS client, then pinned)
 * and again to the address the socket is actually connected to. Refusals throw {@link
 * RefusedTargetException} before any packet is sent.
 */
public final class GuardedConnector implements Connector {

  private final Connector delegate;
  private final TargetGuard guard;
  private final DnsClient dns;
  private final Consumer<String> outcomes;

  /**
   * @param outcomes told "connected", "refused-target" or "failed" for each attempt (metrics)
   */
  public GuardedConnector(
      Connector delegate, TargetGuard guard, DnsClient dns, Consumer<String> outcomes) {
    this.delegate = delegate;
    this.guard = guard;
    this.dns = dns;
    this.outcomes = outcomes;
  }

  @Override
  public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
    InetSocketAddress target = address;
    if (address.isUnresolved()) {
      TargetGuard.Resolution r = guard.resolve(address.getHostString(), dns);
      if (r.refused()) {
        outcomes.accept("refused-target");
        throw new RefusedTargetException(r.refusal().get());
      }
      if (r.addresses().isEmpty()) {
        outcomes.accept("failed");
        throw new java.net.UnknownHostException(address.getHostString() + ": no addresses");
      }
      target = new InetSocketAddress(r.addresses().get(0), address.getPort());
    } else {
      refuseIfBlocked(address.getHostString(), address.getAddress());
    }
    Socket s;
    try {
      s = delegate.connect(target, timeout);
    } catch (IOException e) {
      outcomes.accept("failed");
      throw e;
    }
    InetAddress connected = s.getInetAddress();
    Optional<TargetGuard.Refusal> after =
        connected == null ? Optional.empty() : guard.check(address.getHostString(), connected);
    if (after.isPresent()) {
      s.close();
      outcomes.accept("refused-target");
      throw new RefusedTargetException(after.get());
    }
    outcomes.accept("connected");
    return s;
  }

  private void refuseIfBlocked(String host, InetAddress ip) throws RefusedTargetException {
    Optional<TargetGuard.Refusal> r = guard.check(host, ip);
    if (r.isPresent()) {
      outcomes.accept("refused-target");
      throw new RefusedTargetException(r.get());
    }
  }
}
