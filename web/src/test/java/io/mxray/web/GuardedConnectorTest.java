package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** Every packet here goes to 127.0.0.1; refusals happen before the delegate connector is called. */
class GuardedConnectorTest {

  private final List<String> outcomes = new ArrayList<>();

  @Test
  void refusesALoopbackAddressWithoutCallingTheDelegate() {
    GuardedConnector c =
        new GuardedConnector(
            TestServer.NO_SOCKETS, TargetGuard.publicOnly(), TestServer.zones(), outcomes::add);
    assertThatThrownBy(
            () ->
                c.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 25),
                    Duration.ofSeconds(1)))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("loopback");
    assertThat(outcomes).containsExactly("refused-target");
  }

  @Test
  void refusesAnUnresolvedNameThatResolvesToLoopback() {
    GuardedConnector c =
        new GuardedConnector(
            TestServer.NO_SOCKETS, TargetGuard.publicOnly(), TestServer.zones(), outcomes::add);
    assertThatThrownBy(
            () ->
                c.connect(
                    InetSocketAddress.createUnresolved("loop.shop.example", 25),
                    Duration.ofSeconds(1)))
        .isInstanceOf(RefusedTargetException.class);
  }

  @Test
  void refusesWhenTheConnectedAddressIsNotTheCheckedOne() throws Exception {
    try (ServerSocket lab = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // A delegate that lands somewhere else than asked (rebinding, a transparent proxy): it goes
      // to loopback.
      Connector rebinding =
          (address, timeout) -> {
            Socket s = new Socket();
            s.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.getLocalPort()), 1000);
            return s;
          };
      TargetGuard guard = new TargetGuard(List.of(Cidr.parse("192.0.2.0/24")));
      GuardedConnector c =
          new GuardedConnector(rebinding, guard, TestServer.zones(), outcomes::add);
      assertThatThrownBy(
              () ->
                  c.connect(
                      new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 25),
                      Duration.ofSeconds(1)))
          .isInstanceOf(RefusedTargetException.class)
          .hasMessageContaining("127.0.0.1");
      assertThat(outcomes).containsExactly("refused-target");
    }
  }

  @Test
  void connectsToAnAllowedLoopbackLab() throws Exception {
    try (ServerSocket lab = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GuardedConnector c =
          new GuardedConnector(
              (a, t) -> {
                Socket s = new Socket();
                s.connect(a, (int) t.toMillis());
                return s;
              },
              new TargetGuard(List.of(Cidr.parse("127.0.0.0/8"))),
              TestServer.zones(),
              outcomes::add);
      try (Socket s =
          c.connect(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.getLocalPort()),
              Duration.ofSeconds(1))) {
        assertThat(s.isConnected()).isTrue();
      }
      assertThat(outcomes).containsExactly("connected");
    }
  }

  @Test
  void httpsFetchOfAPrivateTargetIsRefusedBeforeConnecting() {
    PinnedHttpsFetcher f =
        new PinnedHttpsFetcher(
            TargetGuard.publicOnly(),
            TestServer.zones(),
            TestServer.NO_SOCKETS,
            (SSLSocketFactory) SSLSocketFactory.getDefault());
    for (String url :
        List.of(
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://169.254.169.254/latest/meta-data/",
            "https://loop.shop.example/.well-known/mta-sts.txt")) {
      HttpsResult r = f.fetch(URI.create(url), Duration.ofSeconds(1), 1024);
      assertThat(r.outcome()).as(url).isEqualTo(HttpsResult.Outcome.REFUSED_TARGET);
    }
  }
}
