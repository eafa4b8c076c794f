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
 * @param versions result per version of the scan: accepted, refused or unknown (empty without a
 *     scan)
 * @param weakCiphers suites graded phase-out or insufficient the server accepted, with their grade
 * @param certificates the presented chain itself, leaf first (for DANE matching; not rendered)
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
    List<X509Certificate> certificates) {

  public TlsReport {
    chain = List.copyOf(chain);
    certificates = List.copyOf(certificates);
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
        List.of());
  }

  TlsReport withScan(Map<String, String> v, Map<String, String> weak) {
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
        v,
        weak,
        certificates);
  }

  /** Versions the scan saw accepted, oldest first. */
  public List<String> acceptedVersions() {
    return List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3").stream()
        .filter(v -> "accepted".equals(versions.get(v)))
        .toList();
  }
}
