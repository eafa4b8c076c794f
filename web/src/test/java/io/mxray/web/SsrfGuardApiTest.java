package io.mxray.web;

import static io.mxray.web.WebApiTest.assertProblem;
import static io.mxray.web.WebApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probe targets the SSRF guard must refuse with 403 problem+json before any connection: the
 * server's connector fails the test if it is ever called.
 */
@ExtendWith(VertxExtension.class)
class SsrfGuardApiTest {

  private TestServer server;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    TestServer.start(vertx)
        .onComplete(
            tc.succeeding(
                s -> {
                  server = s;
                  tc.completeNow();
                }));
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "10.0.0.1, private",
    "169.254.169.254, cloud_metadata",
    "[::1], loopback",
    "::ffff:127.0.0.1, loopback",
    "100.64.0.1, cgnat",
    "fe80::1, link_local",
    "224.0.0.1, multicast",
    "loop.shop.example, loopback",
    "mixed.shop.example, documentation",
    "mapped.shop.example, loopback"
  })
  void refusesNonPublicTargetsBeforeConnecting(String target, String kind, VertxTestContext tc) {
    String path =
        "/api/v1/probe/" + URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20");
    server
        .client
        .get(path)
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 403, "target-refused");
                          assertThat(json(r).path("addressClass").asText()).isEqualTo(kind);
                          assertThat(json(r).path("detail").asText())
                              .contains(json(r).path("address").asText());
                          tc.completeNow();
                        })));
  }
}
