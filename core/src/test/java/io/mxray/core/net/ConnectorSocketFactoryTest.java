package io.mxray.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.dns.ZoneFileDnsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConnectorSocketFactoryTest {

  /** A connector that records where it was asked to go, then dials it. */
  static final class Recording implements Connector {
    final List<InetSocketAddress> asked = new ArrayList<>();

    @Override
    public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
      asked.add(address);
      return new PlainConnector().connect(address, timeout);
    }
  }

  @Test
  void everySocketGoesThroughTheConnectorWithNamesResolvedByTheDnsPort() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> got =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = server.accept()) {
                  return new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                  return e.toString();
                }
              });
      ZoneFileDnsClient dns =
          ZoneFileDnsClient.builder()
              .zone("imap.test", "@ IN SOA ns h 1 2 3 4 5\n@ IN NS ns\n@ IN A 127.0.0.1\n")
              .build();
      Recording conn = new Recording();
      ConnectorSocketFactory f =
          new ConnectorSocketFactory(conn, Optional.of(dns), Duration.ofSeconds(5));
      // As Angus Mail does: an unconnected socket, then connect() with a timeout.
      Socket s = f.createSocket();
      s.connect(InetSocketAddress.createUnresolved("imap.test", server.getLocalPort()), 2000);
      s.setSoTimeout(3000);
      s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(got.get()).isEqualTo("hello");
      assertThat(s.isConnected()).isTrue();
      assertThat(s.getSoTimeout()).isEqualTo(3000);
      s.close();
      assertThat(s.isClosed()).isTrue();
      assertThat(conn.asked)
          .containsExactly(
              new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getLocalPort()));
    }
  }

  @Test
  void aNameTheDnsPortDoesNotKnowIsNotResolvedElsewhere() {
    ZoneFileDnsClient dns = ZoneFileDnsClient.builder().build();
    ConnectorSocketFactory f =
        new ConnectorSocketFactory(
            (a, t) -> {
              throw new AssertionError("no connection for an unknown name");
            },
            Optional.of(dns),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> f.createSocket("nowhere.test", 143))
        .isInstanceOf(java.net.UnknownHostException.class);
  }

  @Test
  void withoutADnsPortTheConnectorGetsTheUnresolvedName() throws Exception {
    List<InetSocketAddress> asked = new ArrayList<>();
    ConnectorSocketFactory f =
        new ConnectorSocketFactory(
            (a, t) -> {
              asked.add(a);
              throw new IOException("refused by policy");
            },
            Optional.empty(),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> f.createSocket("imap.example", 993)).hasMessageContaining("refused");
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).isUnresolved()).isTrue();
    assertThat(asked.get(0).getHostString()).isEqualTo("imap.example");
  }
}
