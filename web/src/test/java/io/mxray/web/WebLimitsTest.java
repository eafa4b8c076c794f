package io.mxray.web;

import static io.mxray.web.WebApiTest.assertProblem;
import static io.mxray.web.WebApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Body cap (413), rate limit (429 + Retry-After) and request deadline (503), all as problem+json.
 */
@ExtendWith(VertxExtension.class)
class WebLimitsTest {

  @Test
  void oversizedBodyIsRefusedWith413(Vertx vertx, VertxTestContext tc) {
    TestServer.start(vertx, TestServer.config().withBodyLimit(1024), TestServer.zones())
        .compose(
            s ->
                s.client
                    .post("/api/v1/headers")
                    .putHeader("Content-Type", "message/rfc822")
                    .sendBuffer(Buffer.buffer("X".repeat(64 * 1024))))
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 413, "body-too-large");
                          tc.completeNow();
                        })));
  }

  @Test
  void clientOverItsRateGets429WithRetryAfter(Vertx vertx, VertxTestContext tc) {
    TestServer.start(vertx, TestServer.config().withRateLimit(3), TestServer.zones())
        .compose(
            s ->
                s.client
                    .get("/api/v1/codes")
                    .send()
                    .compose(x -> s.client.get("/api/v1/codes").send())
                    .compose(x -> s.client.get("/api/v1/codes").send())
                    .compose(x -> s.client.get("/api/v1/codes").send())
                    .compose(
                        fourth ->
                            s.client.get("/health").send().map(h -> new Object[] {fourth, h})))
        .onComplete(
            tc.succeeding(
                pair ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var fourth = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[0];
                          @SuppressWarnings("unchecked")
                          var health = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[1];
                          assertProblem(fourth, 429, "rate-limited");
                          assertThat(Integer.parseInt(fourth.getHeader("Retry-After")))
                              .isPositive();
                          assertThat(json(fourth).path("retryAfterSeconds").asInt()).isPositive();
                          assertThat(health.statusCode())
                              .as("health checks are not rate limited")
                              .isEqualTo(200);
                          tc.completeNow();
                        })));
  }

  @Test
  void aSlowAuditDoesNotBlockTheEventLoop(Vertx vertx, VertxTestContext tc) {
    ZoneFileDnsClient zones = TestServer.zones();
    DnsClient slow =
        new DnsClient() {
          @Override
          public DnsAnswer query(String name, int type) {
            try {
              Thread.sleep(1500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return zones.query(name, type);
          }

          @Override
          public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
            return zones.queryAuthoritative(server, name, type);
          }
        };
    TestServer.start(vertx, TestServer.config(), slow)
        .onComplete(
            tc.succeeding(
                s -> {
                  long t0 = System.nanoTime();
                  java.util.concurrent.atomic.AtomicLong healthMs =
                      new java.util.concurrent.atomic.AtomicLong(-1);
                  s.client
                      .get("/api/v1/audit/shop.example?checks=mx")
                      .send()
                      .onComplete(
                          tc.succeeding(
                              audit ->
                                  tc.verify(
                                      () -> {
                                        long auditMs = (System.nanoTime() - t0) / 1_000_000;
                                        assertThat(audit.statusCode()).isEqualTo(200);
                                        assertThat(healthMs.get())
                                            .as("health answered while the audit was still running")
                                            .isBetween(0L, auditMs - 1);
                                        tc.completeNow();
                                      })));
                  vertx.setTimer(
                      100,
                      id ->
                          s.client
                              .get("/health")
                              .send()
                              .onComplete(
                                  tc.succeeding(
                                      h -> healthMs.set((System.nanoTime() - t0) / 1_000_000))));
                }));
  }

  @Test
  void requestOverItsDeadlineIsA503Problem(Vertx vertx, VertxTestContext tc) {
    ZoneFileDnsClient zones = TestServer.zones();
    DnsClient slow =
        new DnsClient() {
          @Override
          public DnsAnswer query(String name, int type) {
            try {
              Thread.sleep(3000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return zones.query(name, type);
          }

          @Override
          public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
            return zones.queryAuthoritative(server, name, type);
          }
        };
    TestServer.start(vertx, TestServer.config().withRequestTimeout(Duration.ofMillis(300)), slow)
        .compose(s -> s.client.get("/api/v1/audit/shop.example?checks=mx").send())
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 503, "timeout");
                          tc.completeNow();
                        })));
  }
}
