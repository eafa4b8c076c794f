package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.headers.Received.Tls;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Received formats of the common MTAs and providers, one row each. */
class ReceivedParserTest {

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of(
            "postfix with TLS",
            "from mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.3 with cipher"
                + " TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits)"
                + " server-digest SHA256) (No client certificate requested) by mx.example.net (Postfix) with ESMTPS"
                + " id 4Xyz1234Abc for <bob@example.net>; Mon, 23 Nov 2026 10:00:01 +0100 (CET)",
            "mail.example.org",
            "mail.example.org",
            "192.0.2.10",
            "mx.example.net",
            "ESMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T09:00:01Z"),
        Arguments.of(
            "postfix without reverse DNS",
            "from helo.example (unknown [198.51.100.7]) by mx.example.net (Postfix) with ESMTP id 4AbC;"
                + " Mon, 23 Nov 2026 10:00:01 +0000",
            "helo.example",
            "",
            "198.51.100.7",
            "mx.example.net",
            "ESMTP",
            Tls.NO,
            "",
            "2026-11-23T10:00:01Z"),
        Arguments.of(
            "exim with a different HELO",
            "from mail.example.org ([192.0.2.20] helo=smtp.example.org) by mx.example.net with esmtps  (TLS1.3)"
                + " tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <alice@example.org>) id 1tAbCd-000123-4x"
                + " for bob@example.net; Mon, 23 Nov 2026 09:00:02 +0000",
            "smtp.example.org",
            "mail.example.org",
            "192.0.2.20",
            "mx.example.net",
            "ESMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T09:00:02Z"),
        Arguments.of(
            "exim without reverse DNS",
            "from [192.0.2.21] (port=41234 helo=client.example) by mx.example.net with esmtp (Exim 4.96)"
                + " (envelope-from <a@example.org>) id 1tAbCe-0001; Mon, 23 Nov 2026 09:00:03 +0000",
            "client.example",
            "",
            "192.0.2.21",
            "mx.example.net",
            "ESMTP",
            Tls.NO,
            "",
            "2026-11-23T09:00:03Z"),
        Arguments.of(
            "sendmail, may be forged, TLS comment",
            "from client.example.org (client.example.org [192.0.2.30] (may be forged)) (authenticated bits=0)"
                + " by mx.example.net (8.17.1/8.17.1) with ESMTPSA id 4ANA0a1B012345 (version=TLSv1.3"
                + " cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO) for <bob@example.net>;"
                + " Mon, 23 Nov 2026 10:00:03 -0500",
            "client.example.org",
            "client.example.org",
            "192.0.2.30",
            "mx.example.net",
            "ESMTPSA",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T15:00:03Z"),
        Arguments.of(
            "qmail",
            "from unknown (HELO mail.example.org) (192.0.2.40) by mx.example.net with SMTP; 23 Nov 2026 10:00:04 -0000",
            "mail.example.org",
            "",
            "192.0.2.40",
            "mx.example.net",
            "SMTP",
            Tls.NO,
            "",
            "2026-11-23T10:00:04Z"),
        Arguments.of(
            "gmail MX",
            "from mail.example.org (mail.example.org. [192.0.2.50]) by mx.google.com with ESMTPS id"
                + " d2e1a72fcca58-6c1b2a3f4e5si1234567b3a.123.2026.11.23.01.14.04 for <bob@gmail.com>"
                + " (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 23 Nov 2026 01:14:04 -0800 (PST)",
            "mail.example.org",
            "mail.example.org",
            "192.0.2.50",
            "mx.google.com",
            "ESMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T09:14:04Z"),
        Arguments.of(
            "gmail internal",
            "by 2002:a05:6a10:9f4b:b0:5a1:2b3c:4d5e with SMTP id n11csp1234567pxb; Mon, 23 Nov 2026 01:14:05 -0800 (PST)",
            "",
            "",
            "",
            "2002:a05:6a10:9f4b:b0:5a1:2b3c:4d5e",
            "SMTP",
            Tls.NO,
            "",
            "2026-11-23T09:14:05Z"),
        Arguments.of(
            "yahoo inbound",
            "from 192.0.2.61 (EHLO mail.example.org) by 10.217.150.52 with SMTPs (version=TLS1_3"
                + " cipher=TLS_AES_256_GCM_SHA384); Mon, 23 Nov 2026 09:00:06 +0000",
            "mail.example.org",
            "",
            "192.0.2.61",
            "10.217.150.52",
            "SMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T09:00:06Z"),
        Arguments.of(
            "yahoo webmail",
            "from 192.0.2.62 by atlas-production.v2-mail-prod1-gq1.omega.yahoo.com with HTTP; Mon, 23 Nov 2026 09:00:05 +0000",
            "",
            "",
            "192.0.2.62",
            "atlas-production.v2-mail-prod1-gq1.omega.yahoo.com",
            "HTTP",
            Tls.NO,
            "",
            "2026-11-23T09:00:05Z"),
        Arguments.of(
            "amazon SES into gmail",
            "from a8-33.smtp-out.amazonses.com (a8-33.smtp-out.amazonses.com. [198.51.100.33]) by mx.google.com"
                + " with ESMTPS id 6a1803df08f44-6b2a0c1d2e3si123456f6.456.2026.11.23.01.00.07 for <bob@gmail.com>"
                + " (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); Mon, 23 Nov 2026 01:00:07 -0800 (PST)",
            "a8-33.smtp-out.amazonses.com",
            "a8-33.smtp-out.amazonses.com",
            "198.51.100.33",
            "mx.google.com",
            "ESMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T09:00:07Z"),
        Arguments.of(
            "courier with the id after the date",
            "from mail.example.org (mail.example.org [::ffff:192.0.2.80]) (TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384)"
                + " by mx.example.net with ESMTPS; Mon, 23 Nov 2026 10:00:07 +0000 id 00000000.655F1A2B.00001234",
            "mail.example.org",
            "mail.example.org",
            "192.0.2.80",
            "mx.example.net",
            "ESMTPS",
            Tls.YES,
            "TLS1.3",
            "2026-11-23T10:00:07Z"),
        Arguments.of(
            "exchange internal",
            "from EXCH01.corp.example.com (10.0.0.5) by EXCH02.corp.example.com (10.0.0.6) with Microsoft SMTP Server"
                + " (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1258.12;"
                + " Mon, 23 Nov 2026 10:00:08 +0000",
            "EXCH01.corp.example.com",
            "",
            "10.0.0.5",
            "EXCH02.corp.example.com",
            "SMTP",
            Tls.YES,
            "TLS1.2",
            "2026-11-23T10:00:08Z"),
        Arguments.of(
            "exchange mapi with a link-local zone",
            "from EXCH02.corp.example.com ([fe80::1234:5678%12]) by EXCH02.corp.example.com ([fe80::1234:5678%12])"
                + " with mapi id 15.02.1258.012; Mon, 23 Nov 2026 10:00:09 +0000",
            "EXCH02.corp.example.com",
            "",
            "fe80::1234:5678",
            "EXCH02.corp.example.com",
            "MAPI",
            Tls.NO,
            "",
            "2026-11-23T10:00:09Z"),
        Arguments.of(
            "malformed: only garbage",
            "@@@ ((( unbalanced [[[ ;;; not a date",
            "",
            "",
            "",
            "",
            "",
            Tls.UNKNOWN,
            "",
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void readsHeloReverseDnsIpTlsAndDateFromEachFormat(
      String name,
      String value,
      String helo,
      String rdns,
      String ip,
      String by,
      String protocol,
      Tls tls,
      String tlsVersion,
      String date) {
    Received r = ReceivedParser.parse(value);
    assertThat(r.helo()).as("helo").isEqualTo(helo);
    assertThat(r.rdns()).as("rdns").isEqualTo(rdns);
    assertThat(r.ip()).as("ip").isEqualTo(ip);
    assertThat(r.byHost()).as("by").isEqualTo(by);
    assertThat(r.protocol()).as("protocol").isEqualTo(protocol);
    assertThat(r.tls()).as("tls").isEqualTo(tls);
    assertThat(r.tlsVersion()).as("tls version").isEqualTo(tlsVersion);
    assertThat(r.date().map(Instant::toString).orElse("")).as("date").isEqualTo(date);
  }

  @org.junit.jupiter.api.Test
  void neverThrowsOnHostileInput() {
    String[] nasty = {
      "",
      ";",
      "(((((((((",
      "))))",
      "from",
      "by by by by",
      "for <<<<<",
      "x".repeat(100_000),
      "from [::ffff:999.1.1.1] by [",
      "\u0000\u0001 from a by b; \u00ff\u00fe"
    };
    for (String s : nasty) {
      Received r = ReceivedParser.parse(s);
      assertThat(r).isNotNull();
    }
  }
}
