package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadersCommandTest {

  static final String MESSAGE =
      "Received: from mx.example.org (mx.example.org [192.0.2.10])\n"
          + "\tby mx.example.net (Postfix) with ESMTPS id 4AbC for <bob@example.net>;\n"
          + "\tMon, 23 Nov 2026 10:00:03 +0000 (UTC)\n"
          + "Received: from pc.example.org (pc.example.org [10.0.0.7]) by mx.example.org with ESMTPSA id 1;\n"
          + "\tMon, 23 Nov 2026 10:00:00 +0000\n"
          + "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org; dkim=none\n"
          + "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.org>\n"
          + "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\n"
          + "Date: Mon, 23 Nov 2026 09:59:59 +0000\n"
          + "Message-ID: <m1@example.org>\n";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Path file(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void writesTheDocumentedJsonShape() throws Exception {
    Path msg = file("m.txt", MESSAGE.getBytes(StandardCharsets.UTF_8));
    Run r = run("headers", "--offline", "--format", "json", msg.toString());
    assertThat(r.err()).isEmpty();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(j.path("hops")).hasSize(2);
    JsonNode hop = j.path("hops").get(1);
    assertThat(hop.path("index").asInt()).isEqualTo(2);
    assertThat(hop.path("from").path("ip").asText()).isEqualTo("192.0.2.10");
    assertThat(hop.path("from").path("rdns").asText()).isEqualTo("mx.example.org");
    assertThat(hop.path("by").path("host").asText()).isEqualTo("mx.example.net");
    assertThat(hop.path("with").asText()).isEqualTo("ESMTPS");
    assertThat(hop.path("date").asText()).isEqualTo("2026-11-23T10:00:03Z");
    assertThat(hop.path("delaySeconds").asInt()).isEqualTo(3);
    assertThat(hop.path("tls").asBoolean()).isTrue();
    assertThat(j.path("hops").get(0).path("delaySeconds").isNull()).isTrue();
    assertThat(j.path("totalDelaySeconds").asInt()).isEqualTo(3);
    assertThat(j.path("originIp").asText()).isEqualTo("192.0.2.10");
    assertThat(j.path("headers").findValuesAsText("value"))
        .contains("Grüße", "Jörg <joerg@example.org>");
    assertThat(j.path("spf").path("evaluated").asBoolean()).isFalse();
    assertThat(j.path("spf").path("receiverResult").asText()).isEqualTo("pass");
    assertThat(j.path("dmarc").path("fromDomain").asText()).isEqualTo("example.org");
    assertThat(j.path("arc").path("result").asText()).isEqualTo("none");
    assertThat(j.path("checklist").findValuesAsText("id"))
        .contains("spf-pass", "one-click-unsubscribe", "fcrdns");
    assertThat(j.path("findings").findValuesAsText("code")).contains("headers.origin-ip");
    // personal mail missing bulk-sender rules is informational; nothing else is wrong with it
    assertThat(j.path("severity").asText()).isEqualTo("info");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void printsAHopTableAPersonCanRead() throws Exception {
    Path msg = file("m.txt", MESSAGE.getBytes(StandardCharsets.UTF_8));
    Run r = run("headers", "--offline", msg.toString());
    assertThat(r.out()).contains("#", "Delay", "From", "By", "With", "TLS", "Time (UTC)");
    assertThat(r.out()).contains("mx.example.org [192.0.2.10]", "2026-11-23 10:00:03", "3 s");
    assertThat(r.out()).contains("Subject: Grüße");
  }

  @Test
  void neverCutsAnAddressInTheHopTableIpv6Included() throws Exception {
    String longName = "a-very-long-host-name-of-a-relay-" + "x".repeat(60) + ".example.org";
    String text =
        "Received: from "
            + longName
            + " ("
            + longName
            + " [IPv6:2001:db8:ffff:ffff:ffff:ffff:ffff:fff1]) by mx.example.net (Postfix) with"
            + " ESMTPS id 4A; Mon, 23 Nov 2026 10:00:03 +0000\n"
            + "From: a@example.org\n";
    Path msg = file("v6.txt", text.getBytes(StandardCharsets.UTF_8));
    Run r = run("headers", "--offline", msg.toString());
    assertThat(r.out()).contains("[2001:db8:ffff:ffff:ffff:ffff:ffff:fff1]");
  }

  @Test
  void htmlRendersTheAnalysisNotRawFacts() throws Exception {
    Path msg = file("m.txt", MESSAGE.getBytes(StandardCharsets.UTF_8));
    Run r = run("headers", "--offline", "-f", "html", msg.toString());
    assertThat(r.out())
        .contains("<table class=\"hops\">", "2026-11-23 10:00:03 UTC", "3 s", "Bulk-sender")
        .doesNotContain("delaySeconds");
  }

  @Test
  void readsStandardInputByDefault() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8)));
      Run r = run("headers", "--offline", "-f", "json");
      assertThat(r.out()).contains("\"originIp\" : \"192.0.2.10\"");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void verifiesAgainstAZoneFileWithoutNetwork() throws Exception {
    Path zone =
        file(
            "rev.zone",
            ("$ORIGIN 2.0.192.in-addr.arpa.\n@ IN SOA ns1.example.org. h.example.org. 1 2 3 4 5\n"
                    + "@ IN NS ns1.example.org.\n10 IN PTR mx.example.org.\n")
                .getBytes(StandardCharsets.US_ASCII));
    Path zone2 =
        file(
            "org.zone",
            ("$ORIGIN example.org.\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nmx IN A 192.0.2.10\n")
                .getBytes(StandardCharsets.US_ASCII));
    Path msg = file("m.txt", MESSAGE.getBytes(StandardCharsets.UTF_8));
    Run r =
        run(
            "headers",
            "--zone-file",
            zone.toString(),
            "--zone-file",
            zone2.toString(),
            "-f",
            "json",
            msg.toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    JsonNode fcrdns = null;
    for (JsonNode i : j.path("checklist")) {
      if (i.path("id").asText().equals("fcrdns")) {
        fcrdns = i;
      }
    }
    assertThat(fcrdns).isNotNull();
    assertThat(fcrdns.path("status").asText()).isEqualTo("pass");
    assertThat(j.path("findings").findValuesAsText("code")).contains("dkim.verify-none");
  }

  @Test
  void reEvaluatesSpfAndLooksUpDmarcThroughTheRealEvaluators() throws Exception {
    Path zone =
        file(
            "org.zone",
            ("$ORIGIN example.org.\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n"
                    + "@ IN TXT \"v=spf1 ip4:192.0.2.10 -all\"\n_dmarc IN TXT \"v=DMARC1; p=reject; aspf=s\"\n"
                    + "mx IN A 192.0.2.10\n")
                .getBytes(StandardCharsets.US_ASCII));
    Path msg =
        file(
            "m.txt",
            ("Return-Path: <alice@example.org>\n" + MESSAGE).getBytes(StandardCharsets.UTF_8));
    Run r = run("headers", "--zone-file", zone.toString(), "-f", "json", msg.toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("spf").path("evaluated").asBoolean()).as(r.out()).isTrue();
    assertThat(j.path("spf").path("result").asText()).isEqualTo("pass");
    assertThat(j.path("dmarc").toString()).contains("reject");
  }

  @Test
  void binaryJunkIsInconclusiveWithoutAStackTrace() throws Exception {
    byte[] junk = new byte[100_000];
    new java.util.Random(3).nextBytes(junk);
    Run r = run("headers", "--offline", file("junk.bin", junk).toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INCONCLUSIVE);
    assertThat(r.out()).contains("headers.binary-input");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void aHugeInputIsCutAndSaysSo() throws Exception {
    byte[] big = new byte[12 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    byte[] head = MESSAGE.replace("Message-ID", "\nMessage-ID").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, big, 0, head.length);
    Run r = run("headers", "--offline", "-f", "json", file("big.eml", big).toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("input").path("truncated").asBoolean()).isTrue();
    assertThat(j.path("input").path("bytes").asLong()).isEqualTo(big.length);
    assertThat(j.path("findings").findValuesAsText("code")).contains("headers.input-truncated");
  }

  @Test
  void aMissingFileIsAUsageError() {
    Run r = run("headers", dir.resolve("nope.eml").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no such file").doesNotContain("Exception");
  }
}
