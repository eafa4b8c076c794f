package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.probe.Op25b;
import io.mxray.core.probe.ProbeOptions;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTarget;
import io.mxray.core.probe.Prober;
import io.mxray.core.probe.Service;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the document of real probes against docs/schema/probe.schema.json: SMTP with STARTTLS
 * (and the TLS version scan and relay test), SMTP without TLS or SIZE, implicit-TLS SMTPS, POP3,
 * IMAP and a closed port, all served on 127.0.0.1 by {@link LoopbackMailServer}.
 */
class ProbeJsonSchemaTest {

  private static ObjectNode document;

  @BeforeAll
  static void probeEveryDialogue() throws Exception {
    ProbeOptions base =
        ProbeOptions.defaults(Clock.systemUTC())
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
            .withTlsScan(false);
    long t0 = System.nanoTime();
    List<ProbeResult> results = new ArrayList<>();
    try (LoopbackMailServer starttls =
            new LoopbackMailServer(LoopbackMailServer.Dialogue.SMTP_STARTTLS);
        LoopbackMailServer plain = new LoopbackMailServer(LoopbackMailServer.Dialogue.SMTP_PLAIN);
        LoopbackMailServer smtps = new LoopbackMailServer(LoopbackMailServer.Dialogue.SMTPS);
        LoopbackMailServer pop3 = new LoopbackMailServer(LoopbackMailServer.Dialogue.POP3);
        LoopbackMailServer imap = new LoopbackMailServer(LoopbackMailServer.Dialogue.IMAP)) {
      results.add(
          probe(
              starttls.address(),
              starttls.port(),
              Service.SMTP,
              base.withTlsScan(true).withRelayTest(true)));
      results.add(probe(plain.address(), plain.port(), Service.SUBMISSION, base));
      results.add(
          probe(
              smtps.address(),
              smtps.port(),
              Service.SMTPS,
              base.withExtraTrust(List.of(LoopbackMailServer.certificate()))));
      results.add(probe(pop3.address(), pop3.port(), Service.POP3, base));
      results.add(probe(imap.address(), imap.port(), Service.IMAP, base));
      results.add(
          probe(
              InetAddress.getLoopbackAddress(),
              LoopbackMailServer.closedPort(),
              Service.SMTP,
              base));
    }
    List<Finding> findings = new ArrayList<>();
    Op25b.assess(
            results.stream().filter(r -> r.target().service() == Service.SMTP).toList(),
            results.stream().filter(r -> r.target().service() == Service.SUBMISSION).toList())
        .ifPresent(findings::add);
    document =
        ProbeJson.of(
            new ProbeReport(
                LoopbackMailServer.NAME, results, findings, (System.nanoTime() - t0) / 1_000_000));
  }

  private static ProbeResult probe(
      InetAddress address, int port, Service service, ProbeOptions options) {
    ProbeTarget t = new ProbeTarget(LoopbackMailServer.NAME, address, port, service, List.of());
    return new Prober(new PlainConnector(), options).probe(t);
  }

  @Test
  void realProbesOfEveryDialogueMatchTheSchema() {
    Schemas.assertValid("probe.schema.json", document);
  }

  @Test
  void theProbesReallyReachedEveryShapeTheSchemaAllows() {
    JsonNode ports = document.get("ports");
    assertThat(ports).hasSize(6);
    JsonNode tls = ports.get(0).get("tls");
    assertThat(tls.get("established").asBoolean()).isTrue();
    assertThat(tls.get("selfSigned").asBoolean()).isTrue();
    assertThat(tls.get("versions").get("TLSv1.3").asText()).isEqualTo("accepted");
    assertThat(tls.get("chain").get(0).get("dnsNames").get(0).asText())
        .isEqualTo(LoopbackMailServer.NAME);
    assertThat(ports.get(0).get("facts").get("relayTest").get("openRelay").asBoolean()).isFalse();
    assertThat(ports.get(0).get("facts").has("extensionsTls")).isTrue();
    assertThat(ports.get(1).get("facts").get("extensions").get("size").asLong()).isEqualTo(-1);
    assertThat(ports.get(1).get("tls").isNull()).isTrue();
    assertThat(ports.get(2).get("tls").get("trusted").asBoolean()).isTrue();
    assertThat(ports.get(3).get("facts").get("apop").asBoolean()).isTrue();
    assertThat(ports.get(4).get("facts").has("capabilities")).isTrue();
    assertThat(ports.get(5).get("reachable").asBoolean()).isFalse();
    assertThat(ports.findValuesAsText("dir")).contains("C", "S", "*");
  }

  @Test
  void rejectsProbeDocumentsThatBreakTheContract() {
    ObjectNode grade = document.deepCopy();
    ((ObjectNode) grade.get("ports").get(0).get("tls")).put("versionGrade", "A+");
    Schemas.assertRejected("probe.schema.json", grade, "$.ports[0].tls.versionGrade");

    ObjectNode noGrade = document.deepCopy();
    ((ObjectNode) noGrade.get("ports").get(0).get("tls")).remove("cipherGrade");
    Schemas.assertRejected("probe.schema.json", noGrade, "cipherGrade");

    ObjectNode dir = document.deepCopy();
    ((ObjectNode) dir.get("ports").get(0).get("transcript").get(0)).put("dir", "client");
    Schemas.assertRejected("probe.schema.json", dir, "$.ports[0].transcript[0].dir");

    ObjectNode timing = document.deepCopy();
    ((ObjectNode) timing.get("ports").get(0).get("timings")).put("connect", 3);
    Schemas.assertRejected("probe.schema.json", timing, "connect");

    ObjectNode service = document.deepCopy();
    ((ObjectNode) service.get("ports").get(3)).put("service", "pop");
    Schemas.assertRejected("probe.schema.json", service, "$.ports[3].service");

    ObjectNode size = document.deepCopy();
    ((ObjectNode) size.get("ports").get(0).get("facts").get("extensions")).put("size", "10M");
    Schemas.assertRejected("probe.schema.json", size, "$.ports[0].facts.extensions.size");
  }
}
