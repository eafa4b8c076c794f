package io.mxray.core.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * A connector that refuses private, loopback, link-local and other special-purpose addresses (RFC
 * 6890) unless listed as allowed. The check runs on the address actually connected, after name
 * resolution, so a public name pointing at an internal address cannot turn the web service into a
 * probe of its own network. The CLI does not use it: admins may probe their own LAN.
 */
public final class PublicOnlyConnector implements Connector {

  private final Connector delegate;
  private final List<Cidr> allowed;

  public PublicOnlyConnector(Connector delegate, List<Cidr> allowed) {
    this.delegate = delegate;
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
    if (address.isUnresolved()) {
      throw new ConnectException("refused: unresolved address " + address.getHostString());
    }
    AddressClass c = Addresses.classify(address.getAddress());
    if (!c.isPublic() && allowed.stream().noneMatch(b -> b.contains(address.getAddress()))) {
      throw new ConnectException(
          "refused: "
              + Addresses.toText(address.getAddress())
              + " is "
              + c.description()
              + " address space, which this service does not probe");
    }
    return delegate.connect(address, timeout);
  }
}
