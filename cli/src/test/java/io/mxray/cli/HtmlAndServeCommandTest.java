package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlAndServeCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  private static Path zone(Path dir) throws Exception {
    Path z = dir.resolve("shop.zone");
    Files.writeString(
        z,
        String.join(
            "\n",
            "$ORIGIN shop.example.",
            "$TTL 3600",
            "@ IN SOA ns1.shop.example. hostmaster.shop.example. 1 7200 3600 1209600 300",
            "@ IN NS ns1.shop.example.",
            "@ IN NS ns2.shop.example.",
            "@ IN MX 10 mx1.shop.example.",
            "ns1 IN A 192.0.2.53",
            "ns2 IN A 198.51.100.53",
            "mx1 IN A 192.0.2.10",
            ""));
    return z;
  }

  @Test
  void auditWritesASelfContainedHtmlReportToTheOutputFile(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("out/report.html");
    int code =
        run(
            "audit",
            "shop.example",
            "--zone-file",
            zone(dir).toString(),
            "--assume-public",
            "192.0.2.0/24,198.51.100.0/24",
            "--format",
            "html",
            "--output",
            report.toString());
    assertThat(code).isEqualTo(ExitCodes.FAIL); // the zone publishes no DMARC record: dmarc.missing
    String html = Files.readString(report);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Mail audit of <span class=\"domain\">shop.example</span>")
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<link");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void codesRenderAsHtml() {
    assertThat(run("codes", "--format", "html")).isZero();
    assertThat(out.toString()).contains("id=\"code-mx.null\"");
  }

  @Test
  void serveRejectsABadAllowCidrAsAUsageError() {
    assertThat(run("serve", "--allow-cidr", "not-a-block", "--port", "0"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--allow-cidr").doesNotContain("Exception");
  }

  @Test
  void serveExplainsAPortInUseInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code =
          run("serve", "--port", String.valueOf(taken.getLocalPort()), "--bind", "127.0.0.1");
      assertThat(code).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(err.toString().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void serveHelpDocumentsTheGuardAndTheLimits() {
    assertThat(run("serve", "--help")).isZero();
    assertThat(out.toString())
        .contains("--allow-cidr")
        .contains("--cache-ttl")
        .contains("--rate-limit")
        .contains("--max-body")
        .contains("--zone-file");
  }
}
