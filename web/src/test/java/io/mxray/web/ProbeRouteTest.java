package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.core.Registry;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.PlainConnector;
import io.mxray.reports.Schemas;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the loopback lab allowed, the probe route runs the real SMTP probe (to 127.0.0.1 only). */
@ExtendWith(VertxExtension.class)
class ProbeRouteTest {

  @Test
  void reportsTheBannerOfAnAllowedLoopbackServerAndAClosedPort(Vertx vertx, VertxTestContext tc)
      throws Exception {
    ServerSocket lab = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    int closedPort = closed.getLocalPort();
    closed.close();
    Thread t =
        new Thread(
            () -> {
              try (lab;
                  Socket s = lab.accept()) {
                OutputStream out = s.getOutputStream();
                var in =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            s.getInputStream(), StandardCharsets.US_ASCII));
                out.write(
                    "220 lab.example ESMTP <b>ready</b>\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                  String reply =
                      line.toUpperCase().startsWith("EHLO")
                          ? "250-lab.example\r\n250 8BITMIME\r\n"
                          : line.toUpperCase().startsWith("QUIT") ? "221 bye\r\n" : "502 no\r\n";
                  out.write(reply.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  if (reply.startsWith("221")) {
                    break;
                  }
                }
              } catch (Exception e) {
                // test ended
              }
            });
    t.setDaemon(true);
    t.start();
    WebConfig cfg = TestServer.config().withAllowCidrs(List.of(Cidr.parse("127.0.0.0/8")));
    Services services =
        new Services(
            cfg,
            TestServer.zones(),
            Clock.systemUTC(),
            new PlainConnector(),
            Registry.auditChecks());
    MxrayVerticle v = new MxrayVerticle(services);
    vertx
        .deployVerticle(v)
        .compose(
            id ->
                WebClient.create(
                        vertx,
                        new WebClientOptions().setDefaultPort(v.port()).setDefaultHost("127.0.0.1"))
                    .get(
                        "/api/v1/probe/loop.shop.example?ports=smtp:"
                            + lab.getLocalPort()
                            + ",smtp:"
                            + closedPort)
                    .send())
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          JsonNode doc = WebApiTest.json(r);
                          assertThat(doc.path("type").asText()).isEqualTo("probe");
                          JsonNode open = doc.path("ports").get(0);
                          assertThat(open.path("address").asText()).isEqualTo("127.0.0.1");
                          assertThat(open.path("reachable").asBoolean()).isTrue();
                          assertThat(open.path("transcript").toString())
                              .contains("220 lab.example ESMTP <b>ready</b>");
                          assertThat(open.path("findings").findValuesAsText("code"))
                              .contains("smtp.starttls-missing");
                          JsonNode closedPortResult = doc.path("ports").get(1);
                          assertThat(closedPortResult.path("reachable").asBoolean()).isFalse();
                          assertThat(closedPortResult.path("findings").findValuesAsText("code"))
                              .contains("smtp.unreachable");
                          Schemas.assertValid("probe.schema.json", doc);
                          tc.completeNow();
                        })));
  }
}
