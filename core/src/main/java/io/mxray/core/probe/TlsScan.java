package io.mxray.core.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the TLS scan of one port found: per protocol version whether the server accepts it, every
 * suite it accepted with the key exchange it negotiated, whether it enforces its own suite order,
 * which key-exchange groups it accepts, and the settings graded besides (renegotiation,
 * compression, extended master secret, 0-RTT, the hash it signs key exchanges with, OCSP stapling,
 * SCTs).
 *
 * <p>"Accepted" means the server chose it in its ServerHello. Whether mxray's own client could then
 * finish the handshake is recorded separately ({@link Suite#usable()}): a client-side failure is
 * never the server refusing.
 *
 * @param status complete, incomplete (stopped early, see {@code stopReason}) or skipped
 * @param stopReason why the scan stopped early or was skipped; empty when complete
 * @param untested the questions left unanswered when the scan stopped early
 * @param connections connections the scan opened
 * @param versions per version (SSLv3 … TLSv1.3): accepted, refused, unknown or untested
 * @param suites per accepted version, the accepted suites in the order they were found
 * @param serverOrder per version with at least two accepted suites: whether the server chooses
 * @param groups per key-exchange group offered alone: accepted, refused, unknown
 * @param groupsVersion the version the group scan ran at, or empty
 * @param kexHashes per weak hash offered alone for the key-exchange signature: accepted or refused
 * @param secureRenegotiation the server answers RFC 5746 renegotiation_info (TLS 1.2 and older)
 * @param extendedMasterSecret the server negotiates RFC 7627 extended master secret (TLS 1.2 and
 *     older)
 * @param compression the server chose TLS compression (DEFLATE) when offered
 * @param zeroRtt the server's TLS 1.3 session tickets allow early data (RFC 8446 §4.6.1)
 * @param ocspStapling the server stapled an OCSP response when asked (status_request)
 * @param tlsScts signed certificate timestamps delivered in the TLS extension, -1 when unknown
 * @param chain the certificate chain seen by the scan (leaf first), e.g. of a TLS 1.0-only server
 * @param chainVersion the version {@code chain} was fetched with, or empty
 */
public record TlsScan(
    Status status,
    String stopReason,
    List<String> untested,
    int connections,
    Map<String, Answer> versions,
    Map<String, List<Suite>> suites,
    Map<String, Order> serverOrder,
    Map<String, Answer> groups,
    String groupsVersion,
    Map<String, Answer> kexHashes,
    Support secureRenegotiation,
    Support extendedMasterSecret,
    Support compression,
    Support zeroRtt,
    Support ocspStapling,
    int tlsScts,
    List<X509Certificate> chain,
    String chainVersion) {

  /** Versions in the order reports show them, oldest first. */
  public static final List<String> VERSION_ORDER =
      List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** Whether the scan ran to the end. */
  public enum Status {
    COMPLETE,
    INCOMPLETE,
    SKIPPED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The server's answer to one offer. */
  public enum Answer {
    ACCEPTED,
    REFUSED,
    UNKNOWN,
    UNTESTED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A yes/no fact that may also be unknown or not apply (e.g. compression under TLS 1.3 only). */
  public enum Support {
    YES,
    NO,
    UNKNOWN,
    NOT_APPLICABLE;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Who decides which suite is used. */
  public enum Order {
    SERVER,
    CLIENT,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The key exchange a suite negotiated.
   *
   * @param method ECDHE, DHE, RSA (static, no forward secrecy), ECDH, DH, anonymous DH/ECDH
   *     ("DH_anon", "ECDH_anon") or TLS1.3 (ECDHE or FFDHE by the group)
   * @param group the named group (x25519, secp256r1, ffdhe3072, …), an RFC 3526 prime (modp2048,
   *     …), "custom" for any other DH prime, or empty when the method has none (RSA)
   * @param bits the size: the DH prime or the curve's field, 0 when unknown or none
   */
  public record KeyExchange(String method, String group, int bits) {
    public static final KeyExchange UNKNOWN = new KeyExchange("", "", 0);

    /** The NCSC grade of the group, when there is one. */
    public Optional<NcscGrade> grade() {
      return group.isEmpty() ? Optional.empty() : Optional.of(NcscGrade.ofGroup(group));
    }

    /** "ECDHE x25519", "DHE ffdhe3072", "DHE custom 1024-bit group", "RSA". */
    public String label() {
      if (group.isEmpty()) {
        return method;
      }
      String g = group.equals("custom") ? "custom " + bits + "-bit group" : group;
      return (method.isEmpty() ? "" : method + " ") + g;
    }

    /** A Diffie-Hellman group (RFC 7919, RFC 3526 or custom) rather than an elliptic curve. */
    public boolean finiteField() {
      return group.equals("custom") || group.startsWith("ffdhe") || group.startsWith("modp");
    }
  }

  /**
   * One suite the server chose.
   *
   * @param name IANA name
   * @param code its IANA code point
   * @param grade its NCSC grade
   * @param kex the key exchange it negotiated (UNKNOWN when mxray could not complete it)
   * @param usable yes: mxray's client completed a handshake with it; no: it could not (see note),
   *     though the server chose it; unknown: the attempt that found it stopped at the key exchange
   * @param note why mxray's client could not, or empty
   */
  public record Suite(
      String name, int code, NcscGrade grade, KeyExchange kex, Support usable, String note) {

    /** "0x009f". */
    public String hex() {
      return String.format("0x%04x", code);
    }
  }

  public TlsScan {
    untested = List.copyOf(untested);
    versions = ordered(versions);
    suites = Collections.unmodifiableMap(copyLists(suites));
    serverOrder = ordered(serverOrder);
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    kexHashes = Collections.unmodifiableMap(new LinkedHashMap<>(kexHashes));
    chain = List.copyOf(chain);
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    Map<String, V> out = new LinkedHashMap<>();
    for (String v : VERSION_ORDER) {
      if (m.containsKey(v)) {
        out.put(v, m.get(v));
      }
    }
    m.forEach(out::putIfAbsent);
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, List<Suite>> copyLists(Map<String, List<Suite>> m) {
    Map<String, List<Suite>> out = new LinkedHashMap<>();
    for (String v : VERSION_ORDER) {
      if (m.containsKey(v)) {
        out.put(v, List.copyOf(m.get(v)));
      }
    }
    m.forEach((k, v) -> out.putIfAbsent(k, List.copyOf(v)));
    return out;
  }

  /** No scan: {@code why} says why (switched off, or the main handshake stalled). */
  public static TlsScan skipped(String why) {
    Map<String, Answer> v = new LinkedHashMap<>();
    return new TlsScan(
        Status.SKIPPED,
        why,
        List.of(),
        0,
        v,
        Map.of(),
        Map.of(),
        Map.of(),
        "",
        Map.of(),
        Support.UNKNOWN,
        Support.UNKNOWN,
        Support.UNKNOWN,
        Support.UNKNOWN,
        Support.UNKNOWN,
        -1,
        List.of(),
        "");
  }

  public boolean complete() {
    return status == Status.COMPLETE;
  }

  public boolean ran() {
    return status != Status.SKIPPED;
  }

  /** Versions accepted, oldest first. */
  public List<String> acceptedVersions() {
    List<String> out = new ArrayList<>();
    versions.forEach(
        (v, a) -> {
          if (a == Answer.ACCEPTED) {
            out.add(v);
          }
        });
    return out;
  }

  /** Every accepted suite across versions, each name once (first occurrence). */
  public List<Suite> allSuites() {
    Map<String, Suite> out = new LinkedHashMap<>();
    suites.values().forEach(l -> l.forEach(s -> out.putIfAbsent(s.name(), s)));
    return List.copyOf(out.values());
  }

  /** The versions as the plain strings of {@link TlsReport#versions()}. */
  public Map<String, String> versionIds() {
    Map<String, String> out = new LinkedHashMap<>();
    versions.forEach((k, v) -> out.put(k, v.id()));
    return out;
  }
}
