package io.mxray.core.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Connects directly with a connect timeout. */
public final class PlainConnector implements Connector {

  @Override
  public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }
}
