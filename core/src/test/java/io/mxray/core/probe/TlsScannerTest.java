package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.probe.TlsScan.Answer;
import io.mxray.core.probe.TlsScan.Support;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.junit.jupiter.api.Test;

/**
 * The TLS scan against in-process servers: Bouncy Castle servers told which versions, suites and DH
 * group to speak, and scripted ones that misbehave. "Accepted" is what the server chose in its
 * ServerHello; mxray's own client failing after that is never the server refusing.
 */
class TlsScannerTest {

  static final ProbeOptions SCAN =
      TlsInspectionTest.OPTIONS
          .withTlsScan(true)
          .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(60));

  static final int[] DHE_GCM = {
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
  };

  private static ProbeResult probe(ScriptedServer.Script script, String name, ProbeOptions options)
      throws Exception {
    try (ScriptedServer s = new ScriptedServer(script)) {
      return assertTimeoutPreemptively(
          Duration.ofSeconds(90),
          () ->
              new Prober(new PlainConnector(), options)
                  .probe(new ProbeTarget(name, s.address(), s.port(), Service.SMTP, List.of())));
    }
  }

  private static Finding only(ProbeResult r, String code) {
    return r.findings().stream()
        .filter(f -> f.codeId().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in " + r.codes()));
  }

  @Test
  void aDheOnlyServerWithA1024BitGroupIsAcceptedAndGradedInsufficient() throws Exception {
    TlsInspectionTest.Identity id = TlsInspectionTest.valid();
    ProbeResult r =
        probe(
            BcTlsServer.starttls(
                id, ProtocolVersion.TLSv12.only(), DHE_GCM, DHStandardGroups.rfc2409_1024),
            "mx.fake.example",
            SCAN.withExtraTrust(List.of(id.cert())));
    TlsScan scan = r.tls().orElseThrow().scan();
    // Fails on the code before issue 18: Bouncy Castle's default verifier rejected the 1024-bit
    // group and the scan reported TLS 1.2 "refused".
    assertThat(scan.versions()).containsEntry("TLSv1.2", Answer.ACCEPTED);
    assertThat(scan.suites().get("TLSv1.2"))
        .extracting(TlsScan.Suite::name)
        .containsExactlyInAnyOrder(
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    for (TlsScan.Suite s : scan.suites().get("TLSv1.2")) {
      assertThat(s.kex().method()).isEqualTo("DHE");
      assertThat(s.kex().bits()).isEqualTo(1024);
      assertThat(s.kex().group()).isEqualTo("custom");
    }
    assertThat(only(r, "tls.kex-weak").severity()).isEqualTo(Severity.FAIL);
    assertThat(only(r, "tls.cipher-weak").severity()).isEqualTo(Severity.WARN);
    assertThat(r.codes()).doesNotContain("tls.ok");
  }

  @Test
  void theRfc7919Ffdhe3072GroupIsNamedAndOnlyPhaseOut() throws Exception {
    TlsInspectionTest.Identity id = TlsInspectionTest.valid();
    ProbeResult r =
        probe(
            BcTlsServer.starttls(
                id, ProtocolVersion.TLSv12.only(), DHE_GCM, DHStandardGroups.rfc7919_ffdhe3072),
            "mx.fake.example",
            SCAN.withExtraTrust(List.of(id.cert())));
    TlsScan scan = r.tls().orElseThrow().scan();
    assertThat(scan.suites().get("TLSv1.2"))
        .allSatisfy(s -> assertThat(s.kex().group()).isEqualTo("ffdhe3072"));
    assertThat(only(r, "tls.kex-weak").severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void theCertificateOfATls10OnlyServerIsShownSoItsWrongNameIsSeen() throws Exception {
    TlsInspectionTest.Identity id =
        TlsInspectionTest.selfSigned(
            "wrong.fake.example",
            2048,
            TlsInspectionTest.NOW.minus(Duration.ofDays(1)),
            TlsInspectionTest.NOW.plus(Duration.ofDays(90)));
    ProbeResult r =
        probe(
            BcTlsServer.starttls(
                id,
                ProtocolVersion.TLSv10.only(),
                new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA},
                null),
            "mx.fake.example",
            SCAN.withExtraTrust(List.of(id.cert())));
    TlsReport tls = r.tls().orElseThrow();
    assertThat(tls.established()).as("the JDK client refuses TLS 1.0").isFalse();
    // Fails on the code before issue 18: no certificate at all when the main handshake failed.
    assertThat(tls.chainSource()).isEqualTo("TLSv1");
    assertThat(tls.chain().get(0).dnsNames()).containsExactly("wrong.fake.example");
    assertThat(r.codes())
        .contains(
            "smtp.starttls-failed",
            "tls.cert-hostname-mismatch",
            "tls.protocol-obsolete",
            "tls.cipher-weak");
    assertThat(only(r, "tls.protocol-obsolete").severity()).isEqualTo(Severity.FAIL);
  }

  /** SMTP that answers STARTTLS, then a ServerHello choosing the first suite offered, then junk. */
  static ScriptedServer.Script serverHelloThenJunk(AtomicInteger connections) {
    return c -> {
      connections.incrementAndGet();
      c.send("220 mx.fake.example ESMTP");
      c.read();
      c.send("250-mx.fake.example");
      c.send("250 STARTTLS");
      c.read();
      c.send("220 2.0.0 Ready to start TLS");
      byte[] header = c.in.readNBytes(5);
      if (header.length < 5 || header[0] != 22) {
        return;
      }
      byte[] record = c.in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
      // ClientHello: type(1) len(3) version(2) random(32) sid(1+n) suites(2+2n)
      int at = 4 + 2 + 32;
      at += 1 + (record[at] & 0xff);
      int version = ((record[4] & 0xff) << 8) | (record[5] & 0xff);
      if (version != 0x0303) {
        c.raw(new byte[] {21, 3, 3, 0, 2, 2, 70}); // protocol_version
        return;
      }
      int first = ((record[at + 2] & 0xff) << 8) | (record[at + 3] & 0xff);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(RawHelloTest.serverHello(0x0303, first, 0));
      out.writeBytes(new byte[] {22, 3, 3, 0, 4, 99, 0, 0, 0}); // a handshake type nobody knows
      c.raw(out.toByteArray());
      Thread.sleep(2000);
    };
  }

  @Test
  void aSuiteTheServerChoseStaysAcceptedWhenOurClientFailsAfterTheServerHello() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    ProbeResult r =
        probe(
            serverHelloThenJunk(connections),
            "mx.fake.example",
            SCAN.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    TlsScan scan = r.tls().orElseThrow().scan();
    // Fails on the code before issue 18, which counted every client-side failure as "refused".
    assertThat(scan.versions()).containsEntry("TLSv1.2", Answer.ACCEPTED);
    TlsScan.Suite first = scan.suites().get("TLSv1.2").get(0);
    assertThat(first.usable()).isEqualTo(Support.NO);
    assertThat(first.note()).isNotEmpty();
    assertThat(scan.versions()).containsEntry("TLSv1", Answer.REFUSED);
  }

  /** Answers the first {@code allowed} connections with the STARTTLS server, then 421. */
  static ScriptedServer.Script limited(int allowed, ScriptedServer.Script then) {
    AtomicInteger n = new AtomicInteger();
    return c -> {
      if (n.incrementAndGet() > allowed) {
        c.send("421 4.7.0 mx.fake.example Error: too many connections");
        return;
      }
      then.play(c);
    };
  }

  @Test
  void a421DuringTheScanMakesItIncompleteAndInconclusiveNotAPass() throws Exception {
    TlsInspectionTest.Identity id = TlsInspectionTest.valid();
    ProbeResult r =
        probe(
            limited(3, TlsInspectionTest.starttls(TlsInspectionTest.serverContext(id))),
            "mx.fake.example",
            SCAN.withExtraTrust(List.of(id.cert())));
    TlsScan scan = r.tls().orElseThrow().scan();
    // Before issue 18 the refused connections were versions "unknown" and the verdict a plain
    // pass or warn: now what was not tested is said, and nothing is called good.
    assertThat(scan.status()).isEqualTo(TlsScan.Status.INCOMPLETE);
    assertThat(scan.stopReason()).contains("421");
    assertThat(scan.connections()).as("backs off after the first 421").isEqualTo(3);
    assertThat(scan.untested()).contains("TLSv1.3");
    assertThat(scan.versions()).containsEntry("TLSv1.3", Answer.UNTESTED);
    assertThat(only(r, "tls.scan-incomplete").severity()).isEqualTo(Severity.INCONCLUSIVE);
    assertThat(r.codes()).doesNotContain("tls.ok", "smtp.ok");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void theModernJdkServerIsScannedCompletelyWithItsSettings() throws Exception {
    TlsInspectionTest.Identity id = TlsInspectionTest.valid();
    ProbeResult r =
        probe(
            TlsInspectionTest.starttls(TlsInspectionTest.serverContext(id)),
            "mx.fake.example",
            SCAN.withExtraTrust(List.of(id.cert())));
    TlsScan scan = r.tls().orElseThrow().scan();
    assertThat(scan.status()).as(scan.stopReason()).isEqualTo(TlsScan.Status.COMPLETE);
    assertThat(scan.versions())
        .containsEntry("SSLv3", Answer.REFUSED)
        .containsEntry("TLSv1", Answer.REFUSED)
        .containsEntry("TLSv1.2", Answer.ACCEPTED)
        .containsEntry("TLSv1.3", Answer.ACCEPTED);
    assertThat(scan.secureRenegotiation()).isEqualTo(Support.YES);
    assertThat(scan.extendedMasterSecret()).isEqualTo(Support.YES);
    assertThat(scan.compression()).isEqualTo(Support.NO);
    assertThat(scan.zeroRtt()).isEqualTo(Support.NO);
    assertThat(scan.groups()).containsEntry("x25519", Answer.ACCEPTED);
    assertThat(scan.groupsVersion()).isEqualTo("TLSv1.3");
    assertThat(scan.serverOrder()).containsKey("TLSv1.2");
    // The JDK's default server accepts CBC suites with SHA-1 and static RSA: insufficient in 2025.
    assertThat(only(r, "tls.cipher-weak").severity()).isEqualTo(Severity.FAIL);
    assertThat(scan.suites().get("TLSv1.2"))
        .anyMatch(s -> s.name().equals("TLS_RSA_WITH_AES_128_GCM_SHA256"));
  }
}
