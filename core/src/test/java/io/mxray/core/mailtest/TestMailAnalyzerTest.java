package io.mxray.core.mailtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dkim.DkimTestSigner;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestMailAnalyzerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-03T10:00:00Z"), ZoneOffset.UTC);

  static ZoneFileDnsClient dns() {
    return ZoneFileDnsClient.builder()
        .zone(
            "lab.example",
            "@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\n"
                + "@ IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
                + "_dmarc IN TXT \"v=DMARC1; p=reject\"\n"
                + "mail IN A 192.0.2.25\n"
                + "mail IN TXT \"v=spf1 a -all\"\n"
                + DkimTestSigner.zoneLine("s1._domainkey", DkimTestSigner.RSA))
        .zone(
            "2.0.192.in-addr.arpa",
            "@ IN SOA ns1.lab.example. h.lab.example. 1 2 3 4 5\n@ IN NS ns1.lab.example.\n"
                + "25 IN PTR mail.lab.example.\n"
                + "99 IN PTR dsl-192-0-2-99.pool.isp.example.\n")
        .zone(
            "isp.example",
            "@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\ndsl-192-0-2-99.pool IN A 192.0.2.99\n")
        .build();
  }

  static final String BODY =
      "From: Alice <alice@lab.example>\r\n"
          + "To: test@t.example\r\n"
          + "Subject: test\r\n"
          + "Date: Wed, 3 Dec 2025 09:59:58 +0000\r\n"
          + "Message-ID: <t1@lab.example>\r\n"
          + "\r\n"
          + "Hello.\r\n";

  static Delivery delivery(String ip, String mailFrom, String tls, String message) {
    return new Delivery(
        ip,
        "mail.lab.example",
        mailFrom,
        List.of("test-abcdefghijklmnop@t.example"),
        tls,
        tls.isEmpty() ? "" : "TLS_AES_256_GCM_SHA384",
        CLOCK.instant(),
        "mx.t.example",
        message.getBytes(StandardCharsets.ISO_8859_1));
  }

  static List<String> codes(TestMailAnalysis a) {
    return a.findings().stream().map(Finding::codeId).toList();
  }

  @Test
  void judgesTheRealEnvelopeConnectionAndAlignment() {
    String signed =
        DkimTestSigner.sign(
            BODY,
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=lab.example; s=s1; h=from:to:subject:date:message-id",
            DkimTestSigner.RSA.getPrivate());
    TestMailAnalysis a =
        new TestMailAnalyzer(dns(), CLOCK)
            .analyze(
                delivery("192.0.2.25", "bounce@lab.example", "TLSv1.3", signed),
                "abcdefghijklmnop");
    assertThat(a.ptr()).isEqualTo("mail.lab.example");
    assertThat(a.ptrConfirmed()).isTrue();
    assertThat(a.spfMailFrom().result()).isEqualTo("pass");
    assertThat(a.spfHelo().result()).isEqualTo("pass");
    assertThat(a.dmarc().result()).isEqualTo("pass");
    assertThat(a.dmarc().spfAligned()).isTrue();
    assertThat(a.dmarc().dkimAligned()).isTrue();
    assertThat(codes(a))
        .contains("mailtest.ptr-ok", "mailtest.spf-pass", "mailtest.tls-ok", "mailtest.dmarc-pass");
    // The receiver's trace fields are part of what was analysed: the hop table starts with them.
    assertThat(a.message().chain().hops()).isNotEmpty();
    assertThat(
            a.message().chain().hops().get(a.message().chain().hops().size() - 1).received().ip())
        .isEqualTo("192.0.2.25");
    assertThat(a.message().identity().mailFrom()).isEqualTo("bounce@lab.example");
  }

  @Test
  void failsSpfAndDmarcFromAGenericAddressWithoutTls() {
    TestMailAnalysis a =
        new TestMailAnalyzer(dns(), CLOCK)
            .analyze(delivery("198.51.100.9", "alice@lab.example", "", BODY), "abcdefghijklmnop");
    assertThat(a.spfMailFrom().result()).isEqualTo("fail");
    assertThat(a.dmarc().result()).isEqualTo("fail");
    assertThat(codes(a))
        .contains(
            "mailtest.ptr-missing", "mailtest.spf-fail", "mailtest.no-tls", "mailtest.dmarc-fail");
    TestMailAnalysis generic =
        new TestMailAnalyzer(dns(), CLOCK)
            .analyze(
                delivery("192.0.2.99", "alice@lab.example", "TLSv1", BODY), "abcdefghijklmnop");
    assertThat(generic.genericRule()).isNotEmpty();
    assertThat(codes(generic))
        .contains("mailtest.ptr-generic", "mailtest.tls-old", "mailtest.spf-pass");
    // Aligned SPF alone passes DMARC.
    assertThat(generic.dmarc().result()).isEqualTo("pass");
  }
}
