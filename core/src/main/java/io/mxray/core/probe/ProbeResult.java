package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What probing one port found.
 *
 * @param target the port probed
 * @param reachable a TCP connection was established
 * @param connect how the TCP connection went: connected, refused (RST), timed out, or failed
 *     otherwise (no route, …); OP25B is only ever concluded from timeouts
 * @param timings step durations in ms (connect, banner/greeting, ehlo, tls, total)
 * @param facts protocol facts as plain data (greeting, capabilities before/after TLS, relay test)
 * @param tls the TLS inspection, when TLS was attempted
 * @param findings what it means
 * @param transcript what was said
 */
public record ProbeResult(
    ProbeTarget target,
    boolean reachable,
    Connect connect,
    Map<String, Long> timings,
    Map<String, Object> facts,
    Optional<TlsReport> tls,
    List<Finding> findings,
    List<Transcript.Entry> transcript) {

  /** How the TCP connection went. */
  public enum Connect {
    CONNECTED,
    REFUSED,
    TIMED_OUT,
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** A result whose connection outcome follows {@code reachable} (connected, or failed). */
  public ProbeResult(
      ProbeTarget target,
      boolean reachable,
      Map<String, Long> timings,
      Map<String, Object> facts,
      Optional<TlsReport> tls,
      List<Finding> findings,
      List<Transcript.Entry> transcript) {
    this(
        target,
        reachable,
        reachable ? Connect.CONNECTED : Connect.FAILED,
        timings,
        facts,
        tls,
        findings,
        transcript);
  }

  public ProbeResult {
    java.util.Objects.requireNonNull(connect, "connect");
    timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    findings = List.copyOf(findings);
    transcript = List.copyOf(transcript);
  }

  public Severity severity() {
    return Severity.worstOf(findings.stream().map(Finding::severity).toList());
  }

  public boolean has(String codeId) {
    return findings.stream().anyMatch(f -> f.codeId().equals(codeId));
  }

  public List<String> codes() {
    return findings.stream().map(Finding::codeId).toList();
  }
}
