package io.mxray.web;

import static io.mxray.web.WebApiTest.assertProblem;
import static io.mxray.web.WebApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Schemas;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tool routes beside the audit: /spf, /headers, /bounce, /explain; each answer validated by its
 * schema.
 */
@ExtendWith(VertxExtension.class)
class ToolRoutesTest {

  private TestServer server;

  static final String HEADERS =
      "Received: from mx1.shop.example (mx1.shop.example [192.0.2.10])\n"
          + "\tby mx.example.net with ESMTPS id 1; Mon, 23 Nov 2026 10:00:03 +0000\n"
          + "Return-Path: <alice@shop.example>\n"
          + "From: Alice <alice@shop.example>\nDate: Mon, 23 Nov 2026 09:59:59 +0000\nMessage-ID: <m1@shop.example>\n";

  static final String BOUNCE =
      "From: MAILER-DAEMON@mx.example.net\nTo: alice@shop.example\n"
          + "Subject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status;"
          + " boundary=\"b\"\nMIME-Version: 1.0\n\n--b\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n"
          + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
          + "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n"
          + "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n--b--\n";

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

  @Test
  void spfAuditsTheRecordAndEvaluatesCheckHostWithIp(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/spf/shop.example?ip=192.0.2.10&sender=alice@shop.example")
        .send()
        .compose(
            eval ->
                server
                    .client
                    .get("/api/v1/spf/shop.example")
                    .send()
                    .map(audit -> new Object[] {eval, audit}))
        .onComplete(
            tc.succeeding(
                pair ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var eval = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[0];
                          @SuppressWarnings("unchecked")
                          var audit = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[1];
                          assertThat(eval.statusCode()).isEqualTo(200);
                          JsonNode e = json(eval);
                          assertThat(e.path("result").asText()).isEqualTo("pass");
                          assertThat(
                                  e.has("mechanism")
                                      && e.has("lookups")
                                      && e.has("voidLookups")
                                      && e.has("trace"))
                              .isTrue();
                          assertThat(audit.statusCode()).isEqualTo(200);
                          assertThat(json(audit).findValuesAsText("code")).contains("spf.ok");
                          Schemas.assertValid("spf.schema.json", e);
                          Schemas.assertValid("spf.schema.json", json(audit));
                          tc.completeNow();
                        })));
  }

  @Test
  void spfRejectsAMalformedIpAsAProblem(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/spf/shop.example?ip=999.1.1.1")
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
  void headersAnalysesAPastedHeaderBlock(VertxTestContext tc) {
    server
        .client
        .post("/api/v1/headers")
        .sendBuffer(Buffer.buffer(HEADERS))
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          JsonNode doc = json(r);
                          assertThat(doc.path("hops").size()).isEqualTo(1);
                          assertThat(doc.path("originIp").asText()).isEqualTo("192.0.2.10");
                          assertThat(doc.path("spf").path("evaluated").asBoolean()).isTrue();
                          assertThat(doc.path("spf").path("result").asText()).isEqualTo("pass");
                          Schemas.assertValid("headers.schema.json", doc);
                          tc.completeNow();
                        })));
  }

  @Test
  void headersWithoutABodyIsABadRequest(VertxTestContext tc) {
    server
        .client
        .post("/api/v1/headers")
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
  void bounceExplainsEachRecipient(VertxTestContext tc) {
    server
        .client
        .post("/api/v1/bounce")
        .sendBuffer(Buffer.buffer(BOUNCE))
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          JsonNode rcpt = json(r).path("recipients").get(0);
                          assertThat(rcpt.path("address").asText()).isEqualTo("bob@example.net");
                          assertThat(rcpt.path("reason").asText()).isEqualTo("userunknown");
                          assertThat(rcpt.path("hardBounce").asBoolean()).isTrue();
                          Schemas.assertValid("bounce.schema.json", json(r));
                          tc.completeNow();
                        })));
  }

  @Test
  void bounceGivesEachRecipientItsDetailsInJsonAndHtml(VertxTestContext tc) {
    String withOriginal =
        BOUNCE
            .replace(
                "Final-Recipient: rfc822; bob@example.net",
                "Original-Recipient: rfc822; team@example.net\nFinal-Recipient: rfc822; bob@example.net")
            .replace(
                "--b--",
                "--b\nContent-Type: text/rfc822-headers\n\nFrom: alice@shop.example\n"
                    + "Message-ID: <m1@shop.example>\nList-Id: <deals.shop.example>\nSubject: Deals\n\n--b--");
    server
        .client
        .post("/api/v1/bounce")
        .sendBuffer(Buffer.buffer(withOriginal))
        .compose(
            j ->
                server
                    .client
                    .post("/api/v1/bounce?format=html")
                    .sendBuffer(Buffer.buffer(withOriginal))
                    .map(h -> new Object[] {j, h}))
        .onComplete(
            tc.succeeding(
                pair ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var j = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[0];
                          @SuppressWarnings("unchecked")
                          var h = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[1];
                          JsonNode rcpt = json(j).path("recipients").get(0);
                          assertThat(rcpt.path("originalRecipient").asText())
                              .isEqualTo("team@example.net");
                          assertThat(rcpt.path("messageId").asText()).isEqualTo("m1@shop.example");
                          assertThat(rcpt.path("listId").asText()).isEqualTo("deals.shop.example");
                          assertThat(rcpt.path("dedupKey").asText()).matches("[0-9a-f]{32}");
                          Schemas.assertValid("bounce.schema.json", json(j));
                          assertThat(h.bodyAsString())
                              .contains(
                                  "team@example.net",
                                  "deals.shop.example",
                                  rcpt.path("dedupKey").asText());
                          tc.completeNow();
                        })));
  }

  @Test
  void explainAnswersForACodeAndRendersHtmlOnRequest(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/explain?code=550%205.1.1")
        .send()
        .compose(
            j ->
                server
                    .client
                    .get("/api/v1/explain?code=5.7.26&format=html")
                    .send()
                    .map(h -> new Object[] {j, h}))
        .onComplete(
            tc.succeeding(
                pair ->
                    tc.verify(
                        () -> {
                          @SuppressWarnings("unchecked")
                          var j = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[0];
                          @SuppressWarnings("unchecked")
                          var h = (io.vertx.ext.web.client.HttpResponse<Buffer>) pair[1];
                          assertThat(j.statusCode()).isEqualTo(200);
                          assertThat(j.bodyAsString()).contains("userunknown");
                          Schemas.assertValid("explain.schema.json", json(j));
                          assertThat(h.getHeader("Content-Type")).startsWith("text/html");
                          assertThat(h.bodyAsString()).startsWith("<!DOCTYPE html>");
                          tc.completeNow();
                        })));
  }

  @Test
  void explainAnswersForAFindingCodeOfTheCatalogue(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/explain?code=mx.null")
        .send()
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          JsonNode doc = json(r);
                          assertThat(doc.path("code").asText()).isEqualTo("mx.null");
                          assertThat(doc.path("rfc").asText()).contains("RFC 7505");
                          assertThat(doc.path("type").asText()).isEqualTo("finding-code");
                          Schemas.assertValid("explain.schema.json", doc);
                          tc.completeNow();
                        })));
  }

  @Test
  void explainWithoutACodeIsABadRequest(VertxTestContext tc) {
    server
        .client
        .get("/api/v1/explain")
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
}
