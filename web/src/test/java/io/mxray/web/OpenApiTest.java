package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  @Test
  void documentListsExactlyTheMountedRoutes() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Services s =
        new Services(
            TestServer.config(),
            TestServer.zones(),
            java.time.Clock.systemUTC(),
            TestServer.NO_SOCKETS,
            io.mxray.core.Registry.auditChecks())) {
      Router router = Api.router(vertx, s);
      Set<String> mounted = new TreeSet<>();
      for (Route r : router.getRoutes()) {
        String p = r.getPath();
        if (p != null && r.methods() != null && !r.methods().isEmpty() && !p.endsWith("/")
            || "/".equals(p) && r.methods() != null) {
          mounted.add(p.replaceAll(":([a-z]+)", "{$1}"));
        }
      }
      JsonNode doc =
          Json.mapper().readTree(new StaticHandler("/io/mxray/web/openapi.json", "", null).body());
      Set<String> documented = new TreeSet<>();
      doc.path("paths").fieldNames().forEachRemaining(documented::add);
      assertThat(doc.path("openapi").asText()).startsWith("3.");
      assertThat(documented).isEqualTo(mounted);
    } finally {
      vertx.close();
    }
  }
}
