package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mxray probe} in-process: a minimal SMTP server on 127.0.0.1 port 0, names from a loopback
 * zone fixture (no DNS packets leave the process).
 */
class ProbeCommandTest {

  private ServerSocket server;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  OutputStream out = s.getOutputStream();
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                  out.write("220 mx1.op25b.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                  String line;
                  while ((line = in.readLine()) != null) {
                    String reply =
                        line.startsWith("EHLO")
                            ? "250-mx1.op25b.example\r\n250 PIPELINING\r\n"
                            : line.startsWith("QUIT") ? "221 Bye\r\n" : "250 Ok\r\n";
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    if (line.startsWith("QUIT")) {
                      break;
                    }
                  }
                } catch (IOException e) {
                  // next
                }
              }
            });
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private CliHarness.Run probe(String... extra) {
    String[] base = {
      "probe",
      "mx1.op25b.example",
      "--zone-file",
      CliHarness.zone("probe/op25b.zone"),
      "--timeout",
      "2s",
      "--deadline",
      "5s"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHarness.run(args);
  }

  @Test
  void probesANamedPortAndWritesTheDocumentedJson() {
    CliHarness.Run r = probe("--ports", "smtp:" + server.getLocalPort(), "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode json = r.json();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("type").asText()).isEqualTo("probe");
    JsonNode port = json.get("ports").get(0);
    assertThat(port.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(port.get("service").asText()).isEqualTo("smtp");
    assertThat(port.get("reachable").asBoolean()).isTrue();
    assertThat(port.get("timings").has("bannerMs")).isTrue();
    assertThat(port.get("facts").get("greeting").asText()).isEqualTo("220 mx1.op25b.example ESMTP");
    assertThat(port.get("tls").isNull()).isTrue();
    assertThat(port.get("findings").get(0).get("code").asText()).isEqualTo("smtp.starttls-missing");
    assertThat(port.get("transcript").get(0).fieldNames())
        .toIterable()
        .containsExactly("dir", "ms", "line");
  }

  @Test
  void textOutputShowsTheTranscriptOnRequest() {
    CliHarness.Run r = probe("--ports", "smtp:" + server.getLocalPort(), "--transcript");
    assertThat(r.out())
        .contains(
            "== mx1.op25b.example:" + server.getLocalPort() + " smtp",
            "smtp.starttls-missing",
            "C: EHLO mxray.invalid");
  }

  @Test
  void rejectsAnUnknownPortWithoutAProtocol() {
    CliHarness.Run r = probe("--ports", "2525");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).contains("smtp:2525");
  }

  @Test
  void rejectsAMissingCaFileAndANameWithoutAddresses() {
    assertThat(
            probe("--ports", "smtp:" + server.getLocalPort(), "--ca-file", "/nonexistent/ca.pem")
                .exitCode())
        .isEqualTo(64);
    CliHarness.Run r =
        CliHarness.run(
            "probe",
            "nothing.op25b.example",
            "--zone-file",
            CliHarness.zone("probe/op25b.zone"),
            "--ports",
            "25");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).contains("has no MX, A or AAAA");
  }
}
