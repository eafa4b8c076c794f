package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.core.Registry;
import io.mxray.reports.Json;
import io.mxray.reports.Schemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebApiTest {

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

  static JsonNode json(HttpResponse<Buffer> r) throws Exception {
    return Json.mapper().readTree(r.bodyAsString());
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String slug) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.path("type").asText()).isEqualTo("urn:mxray:problem:" + slug);
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("title").asText()).isNotEmpty();
  }

  @Test
  void healthSaysUp(VertxTestContext tc) {
    server
        .client
        .get("/health")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(json(r).path("status").asText()).isEqualTo("up");
                          tc.completeNow();
                        })));
  }

  @Test
  void auditAnswersJsonThatMatchesThePublishedSchema(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                          JsonNode doc = json(r);
                          assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
                          assertThat(doc.path("domain").asText()).isEqualTo("shop.example");
                          assertThat(doc.path("checks").findValuesAsText("code")).contains("mx.ok");
                          assertThat(doc.path("cache").path("hit").asBoolean()).isFalse();
                          Schemas.assertValid("audit.schema.json", doc);
                          tc.completeNow();
                        })));
  }

  @Test
  void secondIdenticalAuditComesFromTheCacheAndSaysSo(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example?checks=mx")
        .send()
        .compose(
            first ->
                server
                    .client
                    .get("/api/v1/audit/shop.example?checks=mx")
                    .send()
                    .map(second -> new Object[] {first, second}))
        .onComplete(
            tc.succeeding(
                pair ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          HttpResponse<Buffer> first = (HttpResponse<Buffer>) pair[0];
                          @SuppressWarnings("unchecked")
                          HttpResponse<Buffer> second = (HttpResponse<Buffer>) pair[1];
                          assertThat(first.getHeader("X-Mxray-Cache")).isEqualTo("miss");
                          assertThat(second.getHeader("X-Mxray-Cache")).isEqualTo("hit");
                          assertThat(second.getHeader("Cache-Control")).matches("max-age=\\d+");
                          assertThat(json(second).path("cache").path("hit").asBoolean()).isTrue();
                          assertThat(json(second).path("cache").path("ttlSeconds").asInt())
                              .isEqualTo(30);
                          assertThat(json(second).path("startedAt"))
                              .isEqualTo(json(first).path("startedAt"));
                          tc.completeNow();
                        })));
  }

  @Test
  void auditAnswersHtmlWhenTheClientAcceptsIt(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example")
        .putHeader("Accept", "text/html")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                          assertThat(r.getHeader("Content-Security-Policy"))
                              .contains("default-src 'none'");
                          assertThat(r.bodyAsString())
                              .contains("Mail audit of")
                              .contains("id=\"check-mx\"")
                              .doesNotContain("<script>");
                          tc.completeNow();
                        })));
  }

  @Test
  void formatQueryParameterSelectsHtml(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example?format=html&checks=mx")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                          tc.completeNow();
                        })));
  }

  @Test
  void invalidDomainIsAProblemNotAStackTrace(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/bad..name")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 400, "invalid-request");
                          assertThat(r.bodyAsString())
                              .doesNotContain("Exception")
                              .doesNotContain("at io.");
                          tc.completeNow();
                        })));
  }

  @Test
  void unknownCheckIsABadRequestNamingTheAvailableOnes(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example?checks=nope")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 400, "invalid-request");
                          assertThat(json(r).path("detail").asText()).contains("mx");
                          tc.completeNow();
                        })));
  }

  @Test
  void badProbeFlagIsABadRequest(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example?probe=maybe")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 400, "invalid-request");
                          tc.completeNow();
                        })));
  }

  @Test
  void codesListsTheWholeCatalogue(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/codes")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(json(r).path("codes").findValuesAsText("code"))
                              .containsExactlyElementsOf(
                                  Registry.findingCodes().stream().map(c -> c.id()).toList());
                          Schemas.assertValid("codes.schema.json", json(r));
                          tc.completeNow();
                        })));
  }

  @Test
  void codesRenderAsHtmlOnRequest(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/codes?format=html")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                          assertThat(r.bodyAsString()).contains("id=\"code-mx.null\"");
                          tc.completeNow();
                        })));
  }

  @Test
  void unknownFormatIsABadRequest(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/codes?format=xml")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 400, "invalid-request");
                          tc.completeNow();
                        })));
  }

  @Test
  void servesEveryPublishedSchemaAndNothingElse(VertxTestContext tc) throws Exception {
    List<String> files;
    try (Stream<Path> s = Files.list(Schemas.dir())) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".schema.json"))
              .sorted()
              .toList();
    }
    assertThat(SchemaHandler.NAMES)
        .as("SchemaHandler.NAMES lists docs/schema")
        .containsExactlyElementsOf(files);
    Future<Void> all = Future.succeededFuture();
    for (String name : files) {
      all =
          all.compose(
              v ->
                  server
                      .client
                      .get("/schema/" + name)
                      .send()
                      .map(
                          r -> {
                            tc.verify(
                                () -> {
                                  assertThat(r.statusCode()).as(name).isEqualTo(200);
                                  assertThat(r.getHeader("Content-Type"))
                                      .isEqualTo("application/schema+json");
                                  assertThat(r.bodyAsString())
                                      .isEqualTo(Files.readString(Schemas.dir().resolve(name)));
                                });
                            return null;
                          }));
    }
    all.compose(v -> server.client.get("/schema/pom.xml").send())
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 404, "not-found");
                          tc.completeNow();
                        })));
  }

  @Test
  void servesThePublishedSchema(VertxTestContext tc) {
    server
        .client
        .get("/schema/audit.schema.json")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(json(r).path("$id").asText()).endsWith("audit.schema.json");
                          assertThat(r.bodyAsString())
                              .isEqualTo(
                                  Files.readString(
                                      Path.of(
                                          System.getProperty("mxray.repo.root"),
                                          "docs/schema/audit.schema.json")));
                          tc.completeNow();
                        })));
  }

  @Test
  void unknownPathIsA404Problem(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/nope")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 404, "not-found");
                          tc.completeNow();
                        })));
  }

  @Test
  void wrongMethodIsA405Problem(VertxTestContext tc) {
    server
        .client
        .delete("/api/v1/codes")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertProblem(r, 405, "method-not-allowed");
                          tc.completeNow();
                        })));
  }

  @Test
  void dashboardIsServedWithoutExternalAssets(VertxTestContext tc) {
    server
        .client
        .get("/")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(r.getHeader("Content-Security-Policy"))
                              .contains("default-src 'none'");
                          String html = r.bodyAsString();
                          assertThat(html)
                              .contains("<form id=\"audit-form\"")
                              .contains("<form id=\"headers-form\"")
                              .doesNotContainPattern("(src|href)=\"(https?:)?//");
                          tc.completeNow();
                        })));
  }

  @Test
  void metricsAreScrapableAfterAnAudit(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/audit/shop.example?checks=mx")
        .send()
        .compose(x -> server.client.get("/metrics").send())
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
                          assertThat(r.bodyAsString())
                              .contains(
                                  "mxray_http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/audit/{domain}\",status=\"200\"}")
                              .contains("mxray_audits_total{severity=")
                              .contains("mxray_dns_queries_total{status=\"noerror\"}")
                              .contains("mxray_cache_requests_total{result=\"miss\"}");
                          tc.completeNow();
                        })));
  }
}
