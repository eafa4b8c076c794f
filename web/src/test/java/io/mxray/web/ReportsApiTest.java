package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import io.mxray.reports.Schemas;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/reports and /api/v1/insight over a real server and SQLite store. */
class ReportsApiTest {

  @TempDir Path dir;

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  @Test
  void uploadsDeduplicatesListsAndServesReports() throws Exception {
    try (ReportTestServer s = new ReportTestServer(dir, ReportTestServer.zones())) {
      HttpResponse<String> up = s.post("/api/v1/reports", ReportTestServer.fixture("insight.xml"));
      assertThat(up.statusCode()).isEqualTo(201);
      JsonNode doc = json(up);
      Schemas.assertValid("feedback.schema.json", doc);
      assertThat(doc.get("reports").get(0).get("stored").get("duplicate").asBoolean()).isFalse();
      long id = doc.get("reports").get(0).get("stored").get("id").asLong();
      JsonNode again = json(s.post("/api/v1/reports", ReportTestServer.fixture("insight.xml")));
      assertThat(again.get("reports").get(0).get("stored").get("duplicate").asBoolean()).isTrue();
      s.post("/api/v1/reports", ReportTestServer.fixture("tlsrpt.json"));

      JsonNode list = json(s.get("/api/v1/reports?domain=lab.example&days=3660"));
      Schemas.assertValid("feedback.schema.json", list);
      assertThat(list.get("reports")).hasSize(2);
      JsonNode one = json(s.get("/api/v1/reports/" + id));
      Schemas.assertValid("feedback.schema.json", one);
      assertThat(one.get("reportId").asText()).isEqualTo("insight-1");
      assertThat(s.get("/api/v1/reports/" + id + "?format=html").body())
          .startsWith("<!DOCTYPE html>");
      assertThat(s.get("/api/v1/reports/9999").statusCode()).isEqualTo(404);
      assertThat(s.get("/api/v1/reports/x").statusCode()).isEqualTo(400);

      HttpResponse<String> junk = s.post("/api/v1/reports", "hello".getBytes());
      assertThat(junk.statusCode()).isEqualTo(422);
      assertThat(junk.headers().firstValue("content-type").orElse("")).contains("problem+json");

      HttpResponse<String> insight = s.get("/api/v1/insight/lab.example?days=3660");
      assertThat(insight.statusCode()).isEqualTo(200);
      JsonNode in = json(insight);
      Schemas.assertValid("feedback.schema.json", in);
      assertThat(in.get("verdict").asText()).isEqualTo("not-ready");
      assertThat(in.get("dmarc").get("blocking").toString()).contains("198.51.100.7");
      assertThat(in.get("tls").get("failedSessions").asLong()).isEqualTo(303);
      assertThat(s.get("/api/v1/insight/lab.example?audit=maybe").statusCode()).isEqualTo(400);
    }
  }
}
