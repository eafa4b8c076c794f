package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.headers.DiscoveredDmarcPolicy;
import io.mxray.core.headers.EvaluatorSpfVerifier;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.Type;

/**
 * Validates what {@code mxray headers} writes for real messages, analysed by the real
 * MessageAnalyzer (DKIM, ARC, SPF and DMARC through a zone-file DNS, or offline), against
 * docs/schema/headers.schema.json. The provider samples' names are outside the test zones, so their
 * lookups answer NXDOMAIN: no network.
 */
class HeadersJsonSchemaTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  static final ZoneFileDnsClient DNS = dns();

  private static ZoneFileDnsClient dns() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      String key = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
      // A TXT character-string holds at most 255 octets: publish the key as two strings, as a zone
      // would.
      String txt =
          "\"v=DKIM1; k=rsa; p=" + key.substring(0, 200) + "\" \"" + key.substring(200) + "\"";
      return ZoneFileDnsClient.builder()
          .zone(
              "example.com",
              "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n"
                  + "mail IN A 192.0.2.10\n@ IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
                  + "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:d@example.com\"\n"
                  + "s1._domainkey IN TXT "
                  + txt
                  + "\narc._domainkey IN TXT "
                  + txt
                  + "\n")
          .zone(
              "2.0.192.in-addr.arpa",
              "@ IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\n"
                  + "@ IN NS ns1.example.com.\n10 IN PTR mail.example.com.\n")
          .fault("slow._domainkey.example.org", Type.TXT, DnsStatus.TIMEOUT)
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final String RECEIVED =
      """
      Received: from mx.example.net (mx.example.net [198.51.100.7])
      \tby inbox.example.net (Postfix) id 77Q for <bob@example.net>;
      \tMon, 23 Nov 2026 10:00:01.250 +0000 (UTC)
      Received: from mail.example.com (mail.example.com [192.0.2.10])
      \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
      \tby mx.example.net (Postfix) with ESMTPS id 4AbC for <bob@example.net>;
      \tMon, 23 Nov 2026 10:00:01 +0000 (UTC)
      Received: from localhost (localhost [127.0.0.1]) by mail.example.com (Postfix) with ESMTP id 9XyZ;
      \tMon, 23 Nov 2026 09:59:59 +0000 (UTC)
      """;

  static final String BULK =
      RECEIVED
          + """
      Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=bounce@example.com;
      \tdkim=pass header.d=example.com header.s=s1; dmarc=pass header.from=example.com
      Received-SPF: Pass (mx.example.net: domain of bounce@example.com designates 192.0.2.10 as permitted sender)
      ARC-Seal: i=1; a=rsa-sha256; t=1795435000; cv=none; d=example.com; s=arc;
      \tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==
      ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=arc; t=1795435000;
      \th=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
      \tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==
      ARC-Authentication-Results: i=1; mx.example.net; spf=pass smtp.mailfrom=example.com
      DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; t=1795435000; l=7;
      \th=from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post;
      \tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
      \tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==
      DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=example.org; s=slow; h=from;
      \tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA
      X-Forefront-Antispam-Report: CIP:192.0.2.10;CTRY:;LANG:en;SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;DIR:INB
      X-Spam-Status: No, score=-0.1 required=5.0 tests=DKIM_SIGNED autolearn=ham
      Return-Path: <bounce@example.com>
      From: =?UTF-8?B?TsOpd3M=?= <news@example.com>
      To: bob@example.net
      Subject: =?UTF-8?Q?November_offers_=E2=82=AC?=
      Date: Mon, 23 Nov 2026 09:59:58 +0000
      Message-ID: <n-1@example.com>
      List-Unsubscribe: <https://example.com/u/1>, <mailto:u@example.com>
      List-Unsubscribe-Post: List-Unsubscribe=One-Click
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="b1"

      --b1
      Content-Type: multipart/alternative; boundary="b2"

      --b2
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: 7bit

      Offers.
      --b2
      Content-Type: text/html; charset=utf-8
      Content-Transfer-Encoding: quoted-printable

      <p>Offers.</p>
      --b2--
      --b1
      Content-Type: application/pdf; name="offers.pdf"
      Content-Disposition: attachment; filename="offers.pdf"
      Content-Transfer-Encoding: base64

      JVBERi0xLjQK
      --b1--
      """;

  static String many(int fields) {
    StringBuilder b = new StringBuilder("From: a@example.com\n");
    for (int i = 0; i < fields; i++) {
      b.append("X-Filler-").append(i).append(": ").append(i).append('\n');
    }
    return b.append('\n').toString();
  }

  /**
   * Real inputs: a signed, sealed, multipart bulk message, core's provider header samples (Gmail,
   * Outlook, Yahoo) and the odd cases a paste box receives.
   */
  static Map<String, byte[]> samples() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("bulk message", crlf(BULK));
    try (Stream<Path> s =
        Files.list(Golden.repoRoot().resolve("core/src/test/resources/messages"))) {
      for (Path p : s.sorted().toList()) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    m.put("headers only, no Received", crlf("From: Alice <alice@example.com>\nSubject: hi\n\n"));
    m.put(
        "Received without dates, no From",
        crlf("Received: from a by b; garbage date\nReceived: by c\n\n"));
    m.put(
        "two From addresses",
        crlf("From: a@example.com, b@example.org\nDate: not a date\n\nbody\n"));
    m.put("1,200 header fields", crlf(many(1_200)));
    m.put("empty input", new byte[0]);
    m.put("binary junk", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n', '\n', 7});
    return m;
  }

  static byte[] crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static MessageAnalyzer online() {
    Optional<DnsClient> dns = Optional.of(DNS);
    return new MessageAnalyzer(
        dns,
        CLOCK,
        new EvaluatorSpfVerifier(
            DNS, new SpfEvaluator.Options(SpfLimits.RFC, Optional.empty(), "mxray", CLOCK)),
        new DiscoveredDmarcPolicy(DNS));
  }

  static ObjectNode analyse(byte[] input, boolean offline) {
    MessageAnalyzer a = offline ? MessageAnalyzer.offline(CLOCK) : online();
    return HeadersJson.of(a.analyze(HeaderParser.parse(input)));
  }

  @TestFactory
  Stream<DynamicTest> everySampleMatchesTheSchemaOnlineAndOffline() throws IOException {
    return samples().entrySet().stream()
        .flatMap(
            e ->
                Stream.of(false, true)
                    .map(
                        offline ->
                            DynamicTest.dynamicTest(
                                e.getKey() + (offline ? " (offline)" : ""),
                                () ->
                                    Schemas.assertValid(
                                        "headers.schema.json", analyse(e.getValue(), offline)))));
  }

  @Test
  void theBulkMessageReallyFillsEverySection() {
    JsonNode j = analyse(crlf(BULK), false);
    assertThat(j.get("hops")).hasSize(3);
    assertThat(j.get("hops").get(2).get("delaySeconds").asDouble()).isEqualTo(0.25);
    assertThat(j.get("hops").findValues("tls"))
        .anyMatch(JsonNode::isBoolean)
        .anyMatch(JsonNode::isNull);
    assertThat(j.get("originIp").asText()).isEqualTo("192.0.2.10");
    assertThat(j.get("dkim")).hasSize(2);
    assertThat(j.get("dkim").findValuesAsText("result")).contains("fail", "temperror");
    assertThat(j.get("dkim").get(0).get("bodyLength").asInt()).isEqualTo(7);
    assertThat(j.get("spf").get("evaluated").asBoolean()).isTrue();
    assertThat(j.get("spf").get("result").asText()).isEqualTo("pass");
    assertThat(j.get("dmarc").get("policy").asText()).isEqualTo("reject");
    assertThat(j.get("arc").get("sets")).hasSize(1);
    assertThat(j.get("authenticationResults").get(0).get("results")).hasSize(3);
    assertThat(j.get("antispam")).hasSize(2);
    assertThat(j.get("checklist").findValuesAsText("status")).contains("pass", "fail");
    assertThat(j.get("mime").get("parts").findValuesAsText("filename")).contains("offers.pdf");
    assertThat(j.get("findings")).isNotEmpty();
    JsonNode truncated = analyse(crlf(many(1_200)), true);
    assertThat(truncated.get("headersTruncated").asBoolean()).isTrue();
    assertThat(truncated.get("headers")).hasSize(1_000);
    JsonNode bare = analyse(crlf("From: Alice <alice@example.com>\n\n"), true);
    assertThat(bare.get("originIp").isNull()).isTrue();
    assertThat(bare.get("totalDelaySeconds").isNull()).isTrue();
  }

  @Test
  void rejectsHeaderDocumentsThatBreakTheContract() {
    ObjectNode good = analyse(crlf(BULK), false);
    Schemas.assertValid("headers.schema.json", good);

    ObjectNode dkim = good.deepCopy();
    ((ObjectNode) dkim.get("dkim").get(0)).put("result", "invalid");
    Schemas.assertRejected("headers.schema.json", dkim, "$.dkim[0].result");

    ObjectNode checklist = good.deepCopy();
    ((ObjectNode) checklist.get("checklist").get(0)).put("status", "warn");
    Schemas.assertRejected("headers.schema.json", checklist, "$.checklist[0].status");

    ObjectNode tls = good.deepCopy();
    ((ObjectNode) tls.get("hops").get(1)).put("tls", "yes");
    Schemas.assertRejected("headers.schema.json", tls, "$.hops[1].tls");

    ObjectNode noSpf = good.deepCopy();
    noSpf.remove("spf");
    Schemas.assertRejected("headers.schema.json", noSpf, "spf");

    ObjectNode spf = good.deepCopy();
    ((ObjectNode) spf.get("spf")).put("result", "Pass");
    Schemas.assertRejected("headers.schema.json", spf, "$.spf.result");

    ObjectNode finding = good.deepCopy();
    ((ObjectNode) finding.get("findings").get(0)).putArray("evidence").add(1);
    Schemas.assertRejected("headers.schema.json", finding, "$.findings[0].evidence[0]");
  }
}
