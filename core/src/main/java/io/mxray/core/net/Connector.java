package io.mxray.core.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The socket port: every connection a probe opens goes through here, so tests can route to loopback
 * fakes and the web service can refuse private targets on the address actually connected.
 */
public interface Connector {

  /** Opens a TCP connection within {@code timeout}; the caller owns and closes the socket. */
  Socket connect(InetSocketAddress address, Duration timeout) throws IOException;
}
