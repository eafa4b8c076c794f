package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.AuditRequest;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.CachingDnsClient;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.testing.Fixtures;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The audit's SMTP check on a loopback zone fixture. A routing connector stands in for the network:
 * it refuses port 25 (as an OP25B network does) or routes it, and routes the submission ports, to
 * scripted servers on 127.0.0.1.
 */
class SmtpCheckTest {

  private static AuditRequest request(boolean probe) {
    return AuditRequest.of("op25b.example")
        .withProbe(probe)
        .withAssumePublic(List.of(Cidr.parse("127.0.0.0/8")))
        .withCheckTimeout(Duration.ofSeconds(12));
  }

  private static CheckResult run(AuditRequest req, Connector connector) {
    var dns = Fixtures.zones("probe/op25b.zone").build();
    CheckContext ctx =
        new CheckContext(
            req,
            new CachingDnsClient(dns, Fixtures.CLOCK),
            connector,
            Fixtures.NO_HTTPS,
            Fixtures.CLOCK);
    return new SmtpCheck().run(ctx);
  }

  /**
   * Routes every port in {@code ports} to the scripted server; the rest time out, as on a network
   * whose filter drops packets (OP25B does).
   */
  private static Connector routing(ScriptedServer server, List<Integer> ports, List<Integer> seen) {
    return routing(server, ports, seen, false);
  }

  /**
   * As {@link #routing(ScriptedServer, List, List)}, the rest refused (RST) when {@code refuse}.
   */
  private static Connector routing(
      ScriptedServer server, List<Integer> ports, List<Integer> seen, boolean refuse) {
    return (address, timeout) -> {
      seen.add(address.getPort());
      if (!ports.contains(address.getPort())) {
        if (refuse) {
          throw new ConnectException("Connection refused");
        }
        throw new SocketTimeoutException(
            "connect timed out (test network drops port " + address.getPort() + ")");
      }
      return new PlainConnector()
          .connect(new InetSocketAddress(server.address(), server.port()), timeout);
    };
  }

  @Test
  void opensNoConnectionWhenTheRequestDoesNotAllowProbing() {
    CheckResult r = run(request(false), Fixtures.NO_SOCKETS);
    assertThat(r.findings()).isEmpty();
    assertThat(r.facts()).containsEntry("probed", false);
  }

  @Test
  void reportsOutboundPort25BlockingInsteadOfServersDown() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (ScriptedServer s =
        new ScriptedServer(
            ScriptedServer.smtp("220 mx1.op25b.example ESMTP", List.of("STARTTLS-X"), "554 no"))) {
      CheckResult r = run(request(true), routing(s, List.of(587, 465), seen));
      assertThat(r.has("net.port25-blocked")).isTrue();
      assertThat(r.has("smtp.unreachable")).as("not reported as down").isFalse();
      assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
    }
    assertThat(seen).contains(25, 587);
  }

  @Test
  void aRefusedPort25IsNoSignOfOutboundBlockingButOfNothingListening() throws Exception {
    // Before issue 18 a refused connection (RST) counted as OP25B; a blocking network drops
    // packets, while an RST comes from the host.
    try (ScriptedServer s =
        new ScriptedServer(
            ScriptedServer.smtp("220 mx1.op25b.example ESMTP", List.of("STARTTLS-X"), "554 no"))) {
      CheckResult r =
          run(request(true), routing(s, List.of(587, 465), new CopyOnWriteArrayList<>(), true));
      assertThat(r.has("net.port25-blocked")).isFalse();
      assertThat(r.has("smtp.unreachable")).isTrue();
      assertThat(r.findings().toString()).contains("refused");
    }
  }

  @Test
  void reportsUnreachableWhenNoPortAnswersAtAll() throws Exception {
    try (ScriptedServer s = new ScriptedServer(c -> {})) {
      CheckResult r = run(request(true), routing(s, List.of(), new CopyOnWriteArrayList<>()));
      assertThat(r.has("smtp.unreachable")).isTrue();
      assertThat(r.has("net.port25-blocked")).isFalse();
    }
  }

  @Test
  void probesEachMxOnPort25AndRecordsTimings() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (ScriptedServer s =
        new ScriptedServer(
            ScriptedServer.smtp("220 mx1.op25b.example ESMTP", List.of("PIPELINING"), "554 no"))) {
      CheckResult r = run(request(true), routing(s, List.of(25), seen));
      assertThat(r.has("smtp.starttls-missing")).isTrue();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> smtp = (List<Map<String, Object>>) r.facts().get("smtp");
      assertThat(smtp).hasSize(2);
      assertThat(smtp.get(0))
          .containsEntry("host", "mx1.op25b.example")
          .containsEntry("reachable", true)
          .containsKey("timings");
    }
    assertThat(seen).containsOnly(25);
  }
}
