package io.mxray.web;

import static io.mxray.web.WebApiTest.assertProblem;
import static io.mxray.web.WebApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.core.watch.WatchService;
import io.mxray.reports.Schemas;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/watch over a SQLite store in a temporary directory (mxray serve --watch). */
@ExtendWith(VertxExtension.class)
class WatchApiTest {

  @TempDir Path dir;
  private JdbcWatchStore store;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    store = JdbcWatchStore.sqlite(dir);
    Services services =
        new Services(
                TestServer.config(),
                TestServer.zones(),
                Clock.systemUTC(),
                TestServer.NO_SOCKETS,
                Registry.auditChecks())
            .withWatch(new WatchService(store, Clock.systemUTC()));
    MxrayVerticle v = new MxrayVerticle(services);
    vertx
        .deployVerticle(v)
        .onComplete(
            tc.succeeding(
                id -> {
                  client =
                      WebClient.create(
                          vertx,
                          new WebClientOptions()
                              .setDefaultHost("127.0.0.1")
                              .setDefaultPort(v.port()));
                  tc.completeNow();
                }));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void addsListsAndRemovesAWatchedDomain(VertxTestContext tc) {
    client
        .post("/api/v1/watch")
        .sendBuffer(Buffer.buffer("{\"domain\":\"Shop.Example\",\"every\":\"2h\"}"))
        .compose(
            added -> client.get("/api/v1/watch").send().map(list -> new Object[] {added, list}))
        .compose(
            p ->
                client
                    .delete("/api/v1/watch/shop.example")
                    .send()
                    .map(del -> new Object[] {p[0], p[1], del}))
        .compose(
            p ->
                client
                    .delete("/api/v1/watch/shop.example")
                    .send()
                    .map(again -> new Object[] {p[0], p[1], p[2], again}))
        .onComplete(
            tc.succeeding(
                p ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var added = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[0];
                          @SuppressWarnings("unchecked")
                          var list = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[1];
                          @SuppressWarnings("unchecked")
                          var del = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[2];
                          @SuppressWarnings("unchecked")
                          var again = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[3];
                          assertThat(added.statusCode()).isEqualTo(201);
                          assertThat(json(added).toString()).contains("shop.example");
                          assertThat(json(list).toString()).contains("shop.example");
                          Schemas.assertValid("watch.schema.json", json(added));
                          Schemas.assertValid("watch.schema.json", json(list));
                          assertThat(del.statusCode()).isEqualTo(204);
                          assertProblem(again, 404, "not-watched");
                          tc.completeNow();
                        })));
  }

  @Test
  void answersAnEmptyHistoryAndExplainsAMissingDiff(VertxTestContext tc) {
    client
        .post("/api/v1/watch")
        .sendBuffer(Buffer.buffer("{\"domain\":\"shop.example\"}"))
        .compose(x -> client.get("/api/v1/watch/shop.example/history").send())
        .compose(
            h -> client.get("/api/v1/watch/shop.example/diff").send().map(d -> new Object[] {h, d}))
        .onComplete(
            tc.succeeding(
                p ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var h = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[0];
                          @SuppressWarnings("unchecked")
                          var d = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[1];
                          assertThat(h.statusCode()).isEqualTo(200);
                          assertThat(json(h).toString()).contains("shop.example");
                          Schemas.assertValid("watch.schema.json", json(h));
                          assertProblem(d, 404, "no-such-audits");
                          tc.completeNow();
                        })));
  }

  @Test
  void rejectsABadDomainOrInterval(VertxTestContext tc) {
    client
        .post("/api/v1/watch")
        .sendBuffer(Buffer.buffer("{\"domain\":\"bad..name\"}"))
        .compose(
            a ->
                client
                    .post("/api/v1/watch")
                    .sendBuffer(Buffer.buffer("{\"domain\":\"shop.example\",\"every\":\"1s\"}"))
                    .map(b -> new Object[] {a, b}))
        .onComplete(
            tc.succeeding(
                p ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var a = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[0];
                          @SuppressWarnings("unchecked")
                          var b = (io.vertx.ext.web.client.HttpResponse<Buffer>) p[1];
                          assertThat(a.statusCode()).isEqualTo(400);
                          assertProblem(b, 400, "invalid-request");
                          tc.completeNow();
                        })));
  }

  @Test
  void saysWatchingIsOffWhenTheServerHostsNoWatchList(Vertx vertx, VertxTestContext tc) {
    TestServer.start(vertx)
        .compose(s -> s.client.get("/api/v1/watch").send())
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 404, "watch-disabled");
                          tc.completeNow();
                        })));
  }
}
