package io.mxray.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicOnlyConnectorTest {

  private static final Connector FAKE = (address, timeout) -> new Socket();

  @Test
  void refusesPrivateLoopbackAndLinkLocalAddressesBeforeAnyPacketIsSent() {
    PublicOnlyConnector c =
        new PublicOnlyConnector(
            (a, t) -> {
              throw new AssertionError("must not reach the network for " + a);
            },
            List.of());
    for (String ip :
        List.of("10.1.2.3", "127.0.0.1", "169.254.169.254", "::1", "fd00::2", "192.0.2.1")) {
      assertThatThrownBy(
              () ->
                  c.connect(
                      new InetSocketAddress(InetAddress.getByName(ip), 25), Duration.ofSeconds(1)))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("refused");
    }
  }

  @Test
  void letsAllowedBlocksThrough() throws Exception {
    PublicOnlyConnector c = new PublicOnlyConnector(FAKE, List.of(Cidr.parse("127.0.0.0/8")));
    try (Socket s =
        c.connect(
            new InetSocketAddress(InetAddress.getByName("127.0.0.10"), 25),
            Duration.ofSeconds(1))) {
      assertThat(s).isNotNull();
    }
  }
}
