package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.Connector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state one probe builds up: transcript, timings, facts, findings; shared by the three
 * protocols.
 */
final class ProbeRun {

  /** The protocol's codes for the outcomes every dialogue can have. */
  record Codes(
      ProbeCodes unreachable, ProbeCodes timeout, ProbeCodes protocolError, ProbeCodes ok) {}

  final ProbeTarget target;
  final ProbeOptions options;
  final Codes codes;
  final Transcript transcript = Transcript.startingNow();
  final Deadline deadline;
  final Map<String, Long> timings = new LinkedHashMap<>();
  final Map<String, Object> facts = new LinkedHashMap<>();
  final List<Finding> findings = new ArrayList<>();
  TlsReport tls;
  boolean reachable;
  ProbeResult.Connect connect = ProbeResult.Connect.FAILED;
  private long mark = System.nanoTime();

  ProbeRun(ProbeTarget target, ProbeOptions options, Codes codes) {
    this.target = target;
    this.options = options;
    this.codes = codes;
    this.deadline =
        new Deadline(options.stepTimeout(), options.deadline(), options.greetingTimeout());
  }

  /** Records the time since the previous lap under {@code key}. */
  long lap(String key) {
    long now = System.nanoTime();
    long ms = (now - mark) / 1_000_000;
    mark = now;
    timings.put(key, ms);
    return ms;
  }

  void add(Finding f) {
    findings.add(f);
  }

  boolean hasWorseThan(Severity s) {
    return findings.stream().anyMatch(f -> f.severity().isWorseThan(s));
  }

  String subject() {
    return target.label();
  }

  /** Connects, or records the INCONCLUSIVE unreachable finding and returns empty. */
  Optional<Session> connect(Connector connector) {
    transcript.note(
        "connect "
            + target.socketAddress().getAddress().getHostAddress()
            + " port "
            + target.port());
    try {
      Session s = Session.open(connector, target.socketAddress(), deadline, transcript);
      reachable = true;
      connect = ProbeResult.Connect.CONNECTED;
      lap("connectMs");
      transcript.note("connected");
      return Optional.of(s);
    } catch (ProbeFailure f) {
      lap("connectMs");
      connect =
          switch (f.kind()) {
            case TIMEOUT -> ProbeResult.Connect.TIMED_OUT;
            case REFUSED -> ProbeResult.Connect.REFUSED;
            default -> ProbeResult.Connect.FAILED;
          };
      transcript.note(
          "connect failed ("
              + connect.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + "): "
              + f.getMessage());
      add(
          Finding.of(
                  codes.unreachable,
                  subject(),
                  "Could not connect to "
                      + target.label()
                      + " ("
                      + target.address().getHostAddress()
                      + "): "
                      + f.getMessage()
                      + ". Whether the server works is unknown.")
              .withRemediation(
                  "Check that the server listens on port "
                      + target.port()
                      + " and that firewalls allow it;"
                      + " retry from another network if yours may filter this port.")
              .withEvidence(f.getMessage(), "connect: " + connect.id()));
      return Optional.empty();
    }
  }

  /** The INCONCLUSIVE finding for a dialogue that stopped at {@code step}. */
  void failed(String step, ProbeFailure f) {
    ProbeCodes code =
        switch (f.kind()) {
          case TIMEOUT -> codes.timeout;
          case OVERSIZE, GARBAGE -> codes.protocolError;
          case CLOSED, IO, REFUSED, UNAVAILABLE -> codes.protocolError;
        };
    String what =
        switch (f.kind()) {
          case TIMEOUT -> "did not answer in time";
          case OVERSIZE -> "sent more than mxray reads";
          case GARBAGE -> "sent data that is not " + target.service().protocol();
          case CLOSED -> "closed the connection";
          case IO, REFUSED -> "broke the connection";
          case UNAVAILABLE -> "refused the session";
        };
    add(
        Finding.of(
                code,
                subject(),
                target.label()
                    + " "
                    + what
                    + " at the "
                    + step
                    + " step ("
                    + f.getMessage()
                    + "), so the rest of the dialogue is unknown.")
            .withRemediation("Look at the server's logs for this connection; retry later.")
            .withEvidence(transcript.tail(4)));
  }

  /**
   * The handshake of an implicit-TLS port (465, 993, 995), right after connect. False when it
   * failed: the run then holds the failure and the scan of what the server would accept, and is
   * complete.
   */
  boolean implicitTls(Session s, TlsScanner.Opener reopen) {
    tls = TlsInspector.handshake(s, target, options);
    lap("tlsMs");
    if (!tls.established()) {
      tlsFailed("at connect");
      finishTls(reopen);
      return false;
    }
    return true;
  }

  void tlsFailed(String step) {
    Severity sev =
        tls.timedOut() ? Severity.INCONCLUSIVE : ProbeCodes.TLS_HANDSHAKE_FAILED.defaultSeverity();
    add(
        new Finding(
            ProbeCodes.TLS_HANDSHAKE_FAILED,
            sev,
            subject(),
            "The TLS handshake "
                + step
                + " on "
                + target.label()
                + " failed: "
                + tls.failure()
                + ".",
            "Check the server's TLS configuration (certificate and key files readable, protocols and ciphers enabled)"
                + " and its log for this connection.",
            null,
            transcript.tail(3)));
  }

  /** Scans versions and ciphers, then adds the TLS findings. */
  void finishTls(TlsScanner.Opener opener) {
    if (tls == null) {
      return;
    }
    if (!options.tlsScan()) {
      tls = tls.withScan(TlsScan.skipped("the scan was switched off"));
    } else if (tls.timedOut()) {
      // The server stalled one handshake already: a scan would stall again, once per question.
      transcript.note("no TLS scan: the handshake stalled");
      tls = tls.withScan(TlsScan.skipped("the main TLS handshake stalled"));
    } else if (deadline.expired()) {
      tls = tls.withScan(TlsScan.skipped("the overall deadline passed before the scan"));
    } else {
      TlsScan scan = TlsScanner.scan(opener, target, transcript, deadline);
      tls = tls.withScan(scan);
      if (!tls.established() && !scan.chain().isEmpty()) {
        // The modern handshake failed (e.g. a TLS 1.0-only server): judge the certificate the
        // scan saw, so a wrong name or an expired certificate is not hidden behind the failure.
        TlsReport seen =
            TlsInspector.evaluate(
                scan.chainVersion(), "", scan.chain(), target, options, tls.handshakeMs());
        tls = tls.withChainFrom(seen, scan.chainVersion());
        transcript.note("certificate fetched with " + scan.chainVersion());
      }
      if (!tls.established() && !tls.acceptedVersions().isEmpty()) {
        // The modern handshake failed but a legacy one works: say so where the failure is reported.
        String note =
            " A legacy client does get through with "
                + String.join(", ", tls.acceptedVersions())
                + ": the server offers nothing a current client accepts.";
        findings.replaceAll(
            f ->
                f.codeId().equals(ProbeCodes.SMTP_STARTTLS_FAILED.id())
                        || f.codeId().equals(ProbeCodes.TLS_HANDSHAKE_FAILED.id())
                    ? new Finding(
                        f.code(),
                        f.severity(),
                        f.subject(),
                        f.message() + note,
                        f.remediation(),
                        f.rfc(),
                        f.evidence())
                    : f);
      }
    }
    findings.addAll(TlsInspector.findings(tls, target, options));
  }

  void okIfClean(String message) {
    if (reachable && !hasWorseThan(Severity.INFO)) {
      add(Finding.of(codes.ok, subject(), message));
    }
  }

  ProbeResult result() {
    timings.put("totalMs", transcript.elapsedMs());
    return new ProbeResult(
        target,
        reachable,
        connect,
        timings,
        facts,
        Optional.ofNullable(tls),
        findings,
        transcript.entries());
  }
}
