package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.core.finding.Finding;
import io.mxray.core.probe.ProbeCodes;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTarget;
import io.mxray.core.probe.Service;
import io.mxray.core.probe.Transcript;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The probe document in JSON and text; banners are attacker controlled and must not drive the
 * terminal.
 */
class ProbeReportRenderTest {

  private static ProbeReport report() throws Exception {
    ProbeTarget t =
        new ProbeTarget(
            "mx.example.com", InetAddress.getByName("192.0.2.25"), 25, Service.SMTP, List.of());
    String evil = "220 mx.example.com \u001b[2J\u001b[31mESMTP";
    ProbeResult p =
        new ProbeResult(
            t,
            true,
            Map.of("connectMs", 3L, "totalMs", 9L),
            Map.of("greeting", evil),
            Optional.empty(),
            List.of(
                Finding.of(ProbeCodes.SMTP_STARTTLS_MISSING, t.label(), "no STARTTLS")
                    .withEvidence(evil)),
            List.of(new Transcript.Entry(Transcript.Direction.SERVER, 5, evil)));
    return new ProbeReport("mx.example.com", List.of(p), List.of(), 12);
  }

  @Test
  void writesTheDocumentedJsonShape() throws Exception {
    JsonNode n = ProbeJson.of(report());
    assertThat(n.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(n.get("type").asText()).isEqualTo("probe");
    assertThat(n.get("severity").asText()).isEqualTo("warn");
    JsonNode port = n.get("ports").get(0);
    assertThat(port.fieldNames())
        .toIterable()
        .containsExactly(
            "host",
            "address",
            "port",
            "service",
            "implicitTls",
            "reachable",
            "connect",
            "severity",
            "timings",
            "facts",
            "tls",
            "findings",
            "transcript");
    assertThat(port.get("findings").get(0).get("code").asText()).isEqualTo("smtp.starttls-missing");
    assertThat(port.get("transcript").get(0).get("dir").asText()).isEqualTo("S");
  }

  @Test
  void textNeverPassesControlCharactersFromTheServerToTheTerminal() throws Exception {
    String text = ProbeText.of(report(), Ansi.OFF, true);
    assertThat(text)
        .contains(
            "== mx.example.com:25 smtp (192.0.2.25)",
            "smtp.starttls-missing",
            "S: 220 mx.example.com");
    assertThat(text).doesNotContain("\u001b");
  }
}
