package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dkim.DkimSignatureResult;
import io.mxray.core.dkim.DkimTestSigner;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.headers.DmarcPolicySource.DmarcPolicy;
import io.mxray.core.headers.SpfVerifier.SpfVerdict;
import io.mxray.core.message.Message;
import io.mxray.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class MessageAnalyzerTest {

  static final String BULK =
      "From: News <news@example.com>\r\n"
          + "To: bob@example.net\r\n"
          + "Subject: November offers\r\n"
          + "Date: Mon, 23 Nov 2026 09:59:58 +0000\r\n"
          + "Message-ID: <n-1@example.com>\r\n"
          + "List-Unsubscribe: <https://example.com/u/1>, <mailto:u@example.com>\r\n"
          + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
          + "\r\n"
          + "Offers.\r\n";
  static final String TAGS =
      "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=rsa; t=1795435000;"
          + " h=from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post";
  static final String RECEIVED =
      "Received: from mail.example.com (mail.example.com [192.0.2.10])\r\n"
          + "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n"
          + "\tby mx.example.net (Postfix) with ESMTPS id 4AbC for <bob@example.net>;\r\n"
          + "\tMon, 23 Nov 2026 10:00:01 +0000 (UTC)\r\n"
          + "Received: from localhost (localhost [127.0.0.1]) by mail.example.com (Postfix) with ESMTP id 9XyZ;\r\n"
          + "\tMon, 23 Nov 2026 09:59:59 +0000 (UTC)\r\n";

  static ZoneFileDnsClient dns() {
    return ZoneFileDnsClient.builder()
        .zone(
            "example.com",
            "@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\nmail IN A 192.0.2.10\n"
                + DkimTestSigner.zoneLine("rsa._domainkey", DkimTestSigner.RSA))
        .zone(
            "2.0.192.in-addr.arpa",
            "@ IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\n@ IN NS ns1.example.com.\n"
                + "10 IN PTR mail.example.com.\n20 IN PTR nowhere.example.com.\n")
        .fault("30.2.0.192.in-addr.arpa", Type.PTR, DnsStatus.TIMEOUT)
        .build();
  }

  static Message message(String text) {
    return HeaderParser.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static MessageAnalysis analyze(String text, SpfVerifier spf, DmarcPolicySource dmarc) {
    return new MessageAnalyzer(Optional.of(dns()), Fixtures.CLOCK, spf, dmarc)
        .analyze(message(text));
  }

  static String signedBulk() {
    return RECEIVED + DkimTestSigner.sign(BULK, TAGS, DkimTestSigner.RSA.getPrivate());
  }

  static List<String> codes(MessageAnalysis a) {
    return a.findings().stream().map(Finding::codeId).toList();
  }

  static ChecklistItem.Status item(MessageAnalysis a, String id) {
    return a.checklist().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().status();
  }

  @Test
  void buildsTheHopTableOldestFirstWithDelaysAndOrigin() {
    MessageAnalysis a = analyze(signedBulk(), SpfVerifier.NOT_WIRED, DmarcPolicySource.NOT_WIRED);
    assertThat(a.chain().hops()).hasSize(2);
    Hop first = a.chain().hops().get(0);
    Hop second = a.chain().hops().get(1);
    assertThat(first.received().byHost()).isEqualTo("mail.example.com");
    assertThat(first.internal()).isTrue();
    assertThat(second.delayMillis()).hasValue(2000);
    assertThat(a.chain().totalDelayMillis()).hasValue(2000);
    assertThat(a.chain().originIp()).contains("192.0.2.10");
    assertThat(second.received().tls()).isEqualTo(Received.Tls.YES);
  }

  @Test
  void aWellBehavedSignedBulkMessageMeetsTheChecklist() {
    SpfVerifier spf =
        (ip, from, helo) -> new SpfVerdict("pass", true, "example.com", "ip4:192.0.2.0/24");
    DmarcPolicySource dmarc =
        d ->
            new DmarcPolicy(
                DmarcPolicy.Status.FOUND, "reject", false, false, "v=DMARC1; p=reject", "");
    String withReturnPath = "Return-Path: <bounce@mail.example.com>\r\n" + signedBulk();
    MessageAnalysis a = analyze(withReturnPath, spf, dmarc);
    assertThat(a.dkim().signatures())
        .extracting(s -> s.result())
        .containsExactly(DkimSignatureResult.PASS);
    assertThat(a.dmarc().result()).isEqualTo("pass");
    assertThat(a.dmarc().dkimAligned()).isTrue();
    assertThat(a.dmarc().spfAligned()).isTrue();
    assertThat(a.checklist())
        .allSatisfy(i -> assertThat(i.status()).as(i.id()).isEqualTo(ChecklistItem.Status.PASS));
    assertThat(codes(a))
        .contains(
            "dkim.verify-pass",
            "headers.dmarc-pass",
            "headers.spf-pass",
            "headers.sender-requirements-met")
        .doesNotContain("headers.sender-requirements-unmet");
  }

  @Test
  void withoutSpfAndDmarcWiringSaysNotEvaluatedInsteadOfGuessing() {
    MessageAnalysis a = analyze(signedBulk(), SpfVerifier.NOT_WIRED, DmarcPolicySource.NOT_WIRED);
    assertThat(a.spf().verdict().evaluated()).isFalse();
    assertThat(a.dmarc().evaluated()).isFalse();
    assertThat(a.dmarc().result()).isEqualTo("none");
    assertThat(a.dmarc().dkimAligned()).isTrue();
    assertThat(item(a, "spf-pass")).isEqualTo(ChecklistItem.Status.UNKNOWN);
    assertThat(item(a, "dmarc-present")).isEqualTo(ChecklistItem.Status.UNKNOWN);
    assertThat(item(a, "dmarc-aligned")).isEqualTo(ChecklistItem.Status.PASS);
    assertThat(codes(a)).contains("headers.spf-not-evaluated", "headers.dmarc-not-evaluated");
  }

  @Test
  void tamperedBodyFailsDkimAndTheChecklist() {
    MessageAnalysis a =
        analyze(
            signedBulk().replace("Offers.", "Cheap offers."),
            SpfVerifier.NOT_WIRED,
            DmarcPolicySource.NOT_WIRED);
    assertThat(codes(a))
        .contains(
            "dkim.verify-body-hash",
            "headers.dmarc-unaligned",
            "headers.sender-requirements-unmet");
    assertThat(item(a, "dkim-pass")).isEqualTo(ChecklistItem.Status.FAIL);
    assertThat(item(a, "one-click-unsubscribe")).isEqualTo(ChecklistItem.Status.FAIL);
  }

  @Test
  void rsaSha1IsItsOwnRfc8301FindingNotAGenericPermerror() {
    String sha1 =
        RECEIVED
            + DkimTestSigner.sign(
                BULK, TAGS.replace("rsa-sha256", "rsa-sha1"), DkimTestSigner.RSA.getPrivate());
    MessageAnalysis a = analyze(sha1, SpfVerifier.NOT_WIRED, DmarcPolicySource.NOT_WIRED);
    assertThat(codes(a)).contains("dkim.verify-sha1").doesNotContain("dkim.verify-permerror");
    Finding f =
        a.findings().stream()
            .filter(x -> x.codeId().equals("dkim.verify-sha1"))
            .findFirst()
            .orElseThrow();
    assertThat(f.rfc().toString()).contains("8301");
    assertThat(f.remediation()).isNotBlank();
    assertThat(a.dkim().signatures().get(0).problem())
        .isEqualTo(io.mxray.core.dkim.DkimProblem.SHA1_NOT_ACCEPTED);
  }

  @Test
  void reverseDnsThatDoesNotResolveBackFailsAndATimeoutIsUnknown() {
    MessageAnalysis bad =
        analyze(
            signedBulk().replace("192.0.2.10", "192.0.2.20"),
            SpfVerifier.NOT_WIRED,
            DmarcPolicySource.NOT_WIRED);
    MessageAnalysis slow =
        analyze(
            signedBulk().replace("192.0.2.10", "192.0.2.30"),
            SpfVerifier.NOT_WIRED,
            DmarcPolicySource.NOT_WIRED);
    assertThat(item(bad, "fcrdns")).isEqualTo(ChecklistItem.Status.FAIL);
    assertThat(item(slow, "fcrdns")).isEqualTo(ChecklistItem.Status.UNKNOWN);
  }

  @Test
  void flagsNegativeDelaysSlowHopsAndHopsWithoutTls() {
    String text =
        "Received: from relay.example.org (relay.example.org [198.51.100.5]) by mx.example.net with SMTP"
            + " id 1; Mon, 23 Nov 2026 10:30:00 +0000\r\n"
            + "Received: from mail.example.org (mail.example.org [192.0.2.5]) by relay.example.org with ESMTPS id 2;"
            + " Mon, 23 Nov 2026 10:20:00 +0000\r\n"
            + "Received: from pc.example.org (pc.example.org [10.1.1.1]) by mail.example.org with ESMTPSA id 3;"
            + " Mon, 23 Nov 2026 10:25:00 +0000\r\n"
            + "From: a@example.org\r\nDate: Mon, 23 Nov 2026 10:24:59 +0000\r\nMessage-ID: <x@example.org>\r\n";
    MessageAnalysis a = MessageAnalyzer.offline(Fixtures.CLOCK).analyze(message(text));
    assertThat(codes(a))
        .contains("headers.negative-delay", "headers.slow-hop", "headers.hop-without-tls");
    assertThat(a.chain().originIp()).contains("198.51.100.5");
    assertThat(a.chain().totalDelayMillis()).hasValue(5 * 60_000);
  }

  @Test
  void decodesMicrosoftAntispamVerdicts() {
    String text =
        "X-Forefront-Antispam-Report: CIP:192.0.2.9;CTRY:NL;LANG:en;SCL:6;SRV:;IPV:NLI;SFV:SPM;"
            + "H:mail.example.org;PTR:;CAT:HSPM;DIR:INB;\r\nX-Microsoft-Antispam: BCL:7;\r\nFrom: a@example.org\r\n";
    MessageAnalysis a = MessageAnalyzer.offline(Fixtures.CLOCK).analyze(message(text));
    Antispam.Report r = a.antispam().get(0);
    assertThat(r.spam()).isTrue();
    assertThat(r.entries())
        .anySatisfy(
            e -> {
              assertThat(e.key()).isEqualTo("CAT");
              assertThat(e.meaning()).contains("high-confidence spam");
            });
    assertThat(codes(a)).contains("headers.antispam-spam", "headers.antispam-bulk");
  }

  @Test
  void fromAFreemailDomainWithoutItsAuthenticationIsImpersonation() {
    String text =
        RECEIVED
            + DkimTestSigner.sign(
                BULK.replace("news@example.com", "ceo@gmail.com"),
                TAGS,
                DkimTestSigner.RSA.getPrivate());
    MessageAnalysis a = analyze(text, SpfVerifier.NOT_WIRED, DmarcPolicySource.NOT_WIRED);
    assertThat(item(a, "from-not-freemail")).isEqualTo(ChecklistItem.Status.FAIL);
  }

  @Test
  void badInputGetsFindingsNotExceptions() {
    byte[] junk = new byte[50_000];
    new java.util.Random(7).nextBytes(junk);
    assertThat(codes(MessageAnalyzer.offline(Fixtures.CLOCK).analyze(HeaderParser.parse(junk))))
        .contains("headers.binary-input");
    assertThat(
            codes(
                MessageAnalyzer.offline(Fixtures.CLOCK)
                    .analyze(HeaderParser.parse("just some words\nand more"))))
        .contains("headers.none", "headers.unparsed-lines");
    StringBuilder loop = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      loop.append("Received: from a")
          .append(i)
          .append(".example.org ([192.0.2.1]) by b.example.org with ESMTP;")
          .append(" Mon, 23 Nov 2026 10:00:00 +0000\n");
    }
    MessageAnalysis a =
        MessageAnalyzer.offline(Fixtures.CLOCK).analyze(HeaderParser.parse(loop.toString()));
    assertThat(a.chain().hops()).hasSize(ReceivedChain.MAX_HOPS);
    assertThat(codes(a)).contains("headers.too-many-hops", "headers.too-many-fields");
  }

  @Test
  void missedBulkRulesAreOnlyInformationalForMailThatDoesNotLookBulk() {
    String personal =
        RECEIVED
            + "From: a@example.com\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <p@example.com>\r\n";
    MessageAnalysis a = MessageAnalyzer.offline(Fixtures.CLOCK).analyze(message(personal));
    Finding unmet =
        a.findings().stream()
            .filter(f -> f.codeId().equals("headers.sender-requirements-unmet"))
            .findFirst()
            .orElseThrow();
    assertThat(unmet.severity()).isEqualTo(io.mxray.core.finding.Severity.INFO);
    MessageAnalysis bulk =
        MessageAnalyzer.offline(Fixtures.CLOCK)
            .analyze(message(personal + "List-Id: <news.example.com>\r\n"));
    assertThat(bulk.findings())
        .filteredOn(f -> f.codeId().equals("headers.sender-requirements-unmet"))
        .extracting(Finding::severity)
        .containsExactly(io.mxray.core.finding.Severity.WARN);
  }
}
