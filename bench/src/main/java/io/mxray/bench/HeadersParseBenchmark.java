package io.mxray.bench;

import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.headers.ReceivedChain;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages analysed per second with no DNS: header parsing, RFC 2047 decoding, the Received chain,
 * antispam decoding, checklist and MIME structure ({@code analyze}), and the Received chain alone
 * ({@code chain}); and the parser budgets: a 1 MB header block and a 100 kB hostile Received line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HeadersParseBenchmark {

  static final String MESSAGE =
      String.join(
          "\r\n",
          "Received: from DM6PR11MB4545.namprd11.prod.outlook.com (2603:10b6:5:2a1::12)",
          " by SJ0PR11MB5678.namprd11.prod.outlook.com with HTTPS; Mon, 23 Nov 2026",
          " 09:14:07 +0000",
          "Received: from BN9PR03CA0123.namprd03.prod.outlook.com (2603:10b6:408:fe::8)",
          " by DM6PR11MB4545.namprd11.prod.outlook.com (2603:10b6:5:2a1::12) with",
          " Microsoft SMTP Server (version=TLS1_2,",
          " cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7228.22; Mon, 23 Nov",
          " 2026 09:14:06 +0000",
          "Authentication-Results: spf=pass (sender IP is 192.0.2.41)",
          " smtp.mailfrom=example.com; dkim=pass (signature was verified)",
          " header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass",
          " reason=100",
          "Received-SPF: Pass (protection.outlook.com: domain of example.com designates",
          " 192.0.2.41 as permitted sender) receiver=protection.outlook.com;",
          " client-ip=192.0.2.41; helo=mail.example.com; pr=C",
          "Received: from mail.example.com (192.0.2.41) by",
          " BN2PEPF000044A9.mail.protection.outlook.com (10.167.243.160) with Microsoft",
          " SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7228.9",
          " via Frontend Transport; Mon, 23 Nov 2026 09:14:05 +0000",
          "Received: from localhost (localhost [127.0.0.1]) by mail.example.com (Postfix) with ESMTP id 9XyZ;",
          "\tMon, 23 Nov 2026 09:14:04 +0000 (UTC)",
          "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;",
          "\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;",
          "\tb=dGVzdA==",
          "X-Forefront-Antispam-Report:",
          " CIP:192.0.2.41;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.com;PTR:mail.example.com;"
              + "CAT:NONE;SFS:(13230031)(4636009);DIR:INB;",
          "X-Microsoft-Antispam: BCL:0;",
          "From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@example.com>",
          "To: bob@example.net",
          "Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?= and =?ISO-8859-1?Q?caf=E9?=",
          "Date: Mon, 23 Nov 2026 10:13:52 +0100",
          "Message-ID: <abc123@mail.example.com>",
          "List-Unsubscribe: <https://example.com/u/1>",
          "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
          "MIME-Version: 1.0",
          "Content-Type: multipart/alternative; boundary=b1",
          "",
          "--b1",
          "Content-Type: text/plain; charset=utf-8",
          "",
          "Hello.",
          "--b1",
          "Content-Type: text/html; charset=utf-8",
          "",
          "<p>Hello.</p>",
          "--b1--",
          "");

  private byte[] message;
  private byte[] megabyte;
  private String hostileReceived;
  private List<String> received;
  private MessageAnalyzer analyzer;

  @Setup
  public void setup() {
    message = MESSAGE.getBytes(StandardCharsets.UTF_8);
    received = new ArrayList<>();
    HeaderParser.parse(message).all("Received").forEach(f -> received.add(f.decoded()));
    analyzer =
        MessageAnalyzer.offline(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    // Parser budgets: a 1 MB header block (5,000 fields, the cap, 500 of them Received hops) and a
    // 100 kB Received line full of unbalanced delimiters.
    StringBuilder b = new StringBuilder(1 << 20);
    for (int i = 0; b.length() < (1 << 20); i++) {
      b.append("Received: from mail")
          .append(i)
          .append(".example.org (mail.example.org [192.0.2.")
          .append(i % 250 + 1)
          .append("]) by mx.example.net (Postfix) with ESMTPS id 4A")
          .append(i)
          .append("; Mon, 23 Nov 2026 10:00:00 +0000\r\n")
          .append("X-Filler: ")
          .append("=?UTF-8?Q?caf=C3=A9?= ".repeat(20))
          .append("\r\n");
    }
    megabyte = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    hostileReceived =
        "from mail.example.org (mail.example.org [192.0.2.7]) " + "a(b[c<d\"e ".repeat(10_000);
  }

  @Benchmark
  public MessageAnalysis analyzeMegabyteHeaderBlock() {
    return analyzer.analyze(HeaderParser.parse(megabyte));
  }

  @Benchmark
  public Object parseHostileReceivedLine() {
    return io.mxray.core.headers.ReceivedParser.parse(hostileReceived);
  }

  @Benchmark
  public MessageAnalysis analyze() {
    return analyzer.analyze(HeaderParser.parse(message));
  }

  @Benchmark
  public ReceivedChain chain() {
    return ReceivedChain.of(received);
  }
}
