package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.testing.Fixtures;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scripted servers doing what real ones will not on demand: every probe must end within its
 * deadline with the right INCONCLUSIVE (or, for a definite failure, FAIL) finding. Step timeout 500
 * ms, deadline 2 s.
 */
class HostileServerTest {

  static final ProbeOptions FAST =
      ProbeOptions.defaults(Fixtures.CLOCK)
          .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2))
          .withTlsScan(false);

  /** The guard: the deadline plus generous slack for a loaded 2-core machine. */
  static final Duration GUARD = Duration.ofSeconds(6);

  private static ProbeResult probe(ScriptedServer s, Service service) {
    return probe(s, service, FAST);
  }

  private static ProbeResult probe(ScriptedServer s, Service service, ProbeOptions options) {
    ProbeTarget t = new ProbeTarget("mx.fake.example", s.address(), s.port(), service, List.of());
    return assertTimeoutPreemptively(
        GUARD, () -> new Prober(new PlainConnector(), options).probe(t));
  }

  private static Finding only(ProbeResult r, String code) {
    assertThat(r.codes()).contains(code);
    return r.findings().stream().filter(f -> f.codeId().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void reportsTimeoutWhenTheServerStaysSilentAfterConnect() throws Exception {
    try (ScriptedServer s = new ScriptedServer(c -> Thread.sleep(60_000))) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(r.reachable()).isTrue();
      assertThat(only(r, "smtp.timeout").severity()).isEqualTo(Severity.INCONCLUSIVE);
      assertThat(r.codes()).doesNotContain("smtp.ok");
      assertThat(only(probe(s, Service.POP3), "pop3.timeout").severity())
          .isEqualTo(Severity.INCONCLUSIVE);
      assertThat(only(probe(s, Service.IMAP), "imap.timeout").severity())
          .isEqualTo(Severity.INCONCLUSIVE);
    }
  }

  @Test
  void reportsTimeoutWhenTheBannerDripsOneBytePerSecond() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              for (byte b : "220 slow.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII)) {
                c.raw(new byte[] {b});
                Thread.sleep(1000);
              }
            })) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(only(r, "smtp.timeout").severity()).isEqualTo(Severity.INCONCLUSIVE);
    }
  }

  @Test
  void stopsReadingAnEndlessLineAndReportsAProtocolError() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              byte[] chunk = new byte[8192];
              java.util.Arrays.fill(chunk, (byte) 'A');
              while (true) {
                c.raw(chunk);
              }
            })) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(only(r, "smtp.protocol-error").severity()).isEqualTo(Severity.INCONCLUSIVE);
    }
  }

  @Test
  void reportsAProtocolErrorForGarbageBytes() throws Exception {
    byte[] junk = new byte[3000];
    new Random(42).nextBytes(junk);
    junk[100] = '\n';
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              c.raw(junk);
              Thread.sleep(60_000);
            })) {
      assertThat(only(probe(s, Service.SMTP), "smtp.protocol-error").severity())
          .isEqualTo(Severity.INCONCLUSIVE);
      assertThat(only(probe(s, Service.IMAP), "imap.protocol-error").severity())
          .isEqualTo(Severity.INCONCLUSIVE);
      assertThat(only(probe(s, Service.POP3), "pop3.protocol-error").severity())
          .isEqualTo(Severity.INCONCLUSIVE);
    }
  }

  @Test
  void reportsUnavailableFor421OnConnect() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(c -> c.send("421 4.3.2 fake.example busy, try later"))) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(only(r, "smtp.unavailable").severity()).isEqualTo(Severity.INCONCLUSIVE);
      assertThat(r.facts().get("greeting")).isEqualTo("421 4.3.2 fake.example busy, try later");
    }
  }

  @Test
  void reportsUnavailableForPop3ErrAndImapBye() throws Exception {
    try (ScriptedServer s = new ScriptedServer(c -> c.send("-ERR [SYS/TEMP] overloaded"))) {
      assertThat(probe(s, Service.POP3).codes()).containsExactly("pop3.unavailable");
    }
    try (ScriptedServer s = new ScriptedServer(c -> c.send("* BYE overloaded"))) {
      assertThat(probe(s, Service.IMAP).codes()).containsExactly("imap.unavailable");
    }
  }

  @Test
  void reportsUnreachableWithTheSocketErrorWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ProbeTarget t =
        new ProbeTarget(
            "127.0.0.1", java.net.InetAddress.getLoopbackAddress(), port, Service.SMTP, List.of());
    ProbeResult r =
        assertTimeoutPreemptively(GUARD, () -> new Prober(new PlainConnector(), FAST).probe(t));
    assertThat(r.reachable()).isFalse();
    Finding f = only(r, "smtp.unreachable");
    assertThat(f.severity()).isEqualTo(Severity.INCONCLUSIVE);
    assertThat(f.evidence()).isNotEmpty();
  }

  @Test
  void reportsStarttlsFailedWhenTheServerSendsGarbageInsteadOfAHandshake() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              c.send("220 mx.fake.example ESMTP");
              c.read();
              c.send("250-mx.fake.example");
              c.send("250 STARTTLS");
              c.read();
              c.send("220 2.0.0 Ready to start TLS");
              c.raw("this is not a TLS record at all\r\n".getBytes(StandardCharsets.US_ASCII));
              Thread.sleep(60_000);
            })) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(only(r, "smtp.starttls-failed").severity()).isEqualTo(Severity.FAIL);
    }
  }

  @Test
  void reportsStarttlsFailedAsInconclusiveWhenTheHandshakeStalls() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              c.send("220 mx.fake.example ESMTP");
              c.read();
              c.send("250-mx.fake.example");
              c.send("250 STARTTLS");
              c.read();
              c.send("220 2.0.0 Ready to start TLS");
              Thread.sleep(60_000);
            })) {
      ProbeResult r = probe(s, Service.SMTP);
      assertThat(only(r, "smtp.starttls-failed").severity()).isEqualTo(Severity.INCONCLUSIVE);
    }
  }

  @Test
  void reportsHandshakeFailedOnImplicitTlsPortsThatDoNotSpeakTls() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              c.send("220 plaintext on the smtps port");
              Thread.sleep(60_000);
            })) {
      assertThat(probe(s, Service.SMTPS).codes()).contains("tls.handshake-failed");
      assertThat(probe(s, Service.IMAPS).codes()).contains("tls.handshake-failed");
    }
  }

  @Test
  void aScanQuestionThatStallsEndsTheScanInsteadOfStallingOnEveryOne() throws Exception {
    // The main handshake works (a JDK server); every later connection stalls after STARTTLS.
    TlsInspectionTest.Identity id = TlsInspectionTest.valid();
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    ScriptedServer.Script good = TlsInspectionTest.starttls(TlsInspectionTest.serverContext(id));
    ProbeOptions scanning =
        FAST.withTlsScan(true).withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(20));
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              if (n.incrementAndGet() == 1) {
                good.play(c);
                return;
              }
              c.send("220 mx.fake.example ESMTP");
              c.read();
              c.send("250-mx.fake.example");
              c.send("250 STARTTLS");
              c.read();
              c.send("220 2.0.0 Ready to start TLS");
              Thread.sleep(60_000);
            })) {
      ProbeResult r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(15),
              () ->
                  new Prober(new PlainConnector(), scanning.withExtraTrust(List.of(id.cert())))
                      .probe(
                          new ProbeTarget(
                              "mx.fake.example", s.address(), s.port(), Service.SMTP, List.of())));
      TlsScan scan = r.tls().orElseThrow().scan();
      assertThat(scan.status()).isEqualTo(TlsScan.Status.INCOMPLETE);
      assertThat(scan.connections()).as("one stalled question, then stop").isEqualTo(1);
      assertThat(only(r, "tls.scan-incomplete").severity()).isEqualTo(Severity.INCONCLUSIVE);
      assertThat(r.timings().get("totalMs")).isLessThan(6_000L);
    }
  }

  @Test
  void theWholePortEndsWithinTheDeadlineEvenWithTheTlsScanOn() throws Exception {
    ProbeOptions scanning = FAST.withTlsScan(true);
    try (ScriptedServer s =
        new ScriptedServer(
            c -> {
              c.send("220 mx.fake.example ESMTP");
              c.read();
              c.send("250-mx.fake.example");
              c.send("250 STARTTLS");
              c.read();
              c.send("220 2.0.0 Ready to start TLS");
              Thread.sleep(60_000);
            })) {
      ProbeResult r = probe(s, Service.SMTP, scanning);
      assertThat(r.codes()).contains("smtp.starttls-failed");
      assertThat(r.timings().get("totalMs")).isLessThan(GUARD.toMillis());
      // Once the main handshake stalled, the scan does not stall on every question again.
      TlsScan scan = r.tls().orElseThrow().scan();
      assertThat(scan.status()).isEqualTo(TlsScan.Status.SKIPPED);
      assertThat(scan.connections()).isZero();
      assertThat(r.codes()).doesNotContain("tls.scan-incomplete");
    }
  }
}
