package io.mxray.core.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What TLS on one port looked like.
 *
 * @param established the handshake with mxray's modern client (JDK, TLS 1.2/1.3) succeeded
 * @param failure why it did not, or empty
 * @param timedOut the failure was a timeout (could not tell) rather than an alert or garbage
 * @param version negotiated version, e.g. TLSv1.3
 * @param cipher negotiated suite (IANA name)
 * @param versionGrade NCSC grade of the negotiated version
 * @param cipherGrade NCSC grade of the negotiated suite
 * @param chain the certificates the server sent, leaf first
 * @param hostnameMatch the leaf names the host probed
 * @param trusted the chain validates to the JDK trust store or a CA given with --ca-file
 * @param trustProblem why it does not, or empty
 * @param selfSigned the leaf is self-signed
 * @param handshakeMs handshake time
 * @param versions result per version of the scan: accepted, refused, unknown or untested (empty
 *     without a scan)
 * @param weakCiphers suites graded phase-out or insufficient the server accepted, with their grade
 * @param certificates the presented chain itself, leaf first (for DANE matching; not rendered)
 * @param scan everything the TLS scan found ({@link TlsScan#skipped} without one)
 * @param chainSource where {@code chain} comes from: "handshake" (mxray's modern client), the
 *     version the scan fetched it with (e.g. "TLSv1") when the modern handshake failed, or empty
 */
public record TlsReport(
    boolean established,
    String failure,
    boolean timedOut,
    String version,
    String cipher,
    NcscGrade versionGrade,
    NcscGrade cipherGrade,
    List<CertificateInfo> chain,
    boolean hostnameMatch,
    boolean trusted,
    String trustProblem,
    boolean selfSigned,
    long handshakeMs,
    Map<String, String> versions,
    Map<String, String> weakCiphers,
    List<X509Certificate> certificates,
    TlsScan scan,
    String chainSource) {

  public TlsReport {
    chain = List.copyOf(chain);
    certificates = List.copyOf(certificates);
    java.util.Objects.requireNonNull(scan, "scan");
    java.util.Objects.requireNonNull(chainSource, "chainSource");
    versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    weakCiphers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(weakCiphers));
  }

  static TlsReport failed(String why, boolean timedOut, long ms) {
    return new TlsReport(
        false,
        why,
        timedOut,
        "",
        "",
        NcscGrade.INSUFFICIENT,
        NcscGrade.INSUFFICIENT,
        List.of(),
        false,
        false,
        "",
        false,
        ms,
        Map.of(),
        Map.of(),
        List.of(),
        TlsScan.skipped("TLS was not established"),
        "");
  }

  /** This report with the scan's results; {@code versions} and {@code weakCiphers} follow it. */
  TlsReport withScan(TlsScan s) {
    Map<String, String> weak = new java.util.TreeMap<>();
    for (TlsScan.Suite suite : s.allSuites()) {
      if (!suite.grade().acceptable()) {
        weak.put(suite.name(), suite.grade().id());
      }
    }
    return new TlsReport(
        established,
        failure,
        timedOut,
        version,
        cipher,
        versionGrade,
        cipherGrade,
        chain,
        hostnameMatch,
        trusted,
        trustProblem,
        selfSigned,
        handshakeMs,
        s.versionIds(),
        weak,
        certificates,
        s,
        chainSource);
  }

  /**
   * This failed handshake's report with the certificate facts of {@code evaluated} (a chain the
   * scan fetched with an older version), keeping the failure.
   */
  TlsReport withChainFrom(TlsReport evaluated, String source) {
    return new TlsReport(
        established,
        failure,
        timedOut,
        version,
        cipher,
        versionGrade,
        cipherGrade,
        evaluated.chain(),
        evaluated.hostnameMatch(),
        evaluated.trusted(),
        evaluated.trustProblem(),
        evaluated.selfSigned(),
        handshakeMs,
        versions,
        weakCiphers,
        evaluated.certificates(),
        scan,
        source);
  }

  /** Versions the scan saw accepted, oldest first. */
  public List<String> acceptedVersions() {
    return TlsScan.VERSION_ORDER.stream().filter(v -> "accepted".equals(versions.get(v))).toList();
  }
}
