package io.mxray.core.probe;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.function.Predicate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Which TLS versions and weak cipher suites a server accepts, found with Bouncy Castle's TLS
 * client, which (unlike the JDK's) can still offer TLS 1.0/1.1 and legacy suites. One fresh
 * connection per question, each brought to the point of the ClientHello by the protocol's preamble
 * (STARTTLS/STLS or nothing for implicit TLS). SSLv3 cannot be offered by any maintained Java TLS
 * client and is reported as "untested".
 */
final class TlsScanner {

  /** Brings a new connection to the point where the ClientHello is due. */
  interface Opener {
    Session open() throws ProbeFailure;
  }

  static final Map<String, ProtocolVersion> VERSIONS = new LinkedHashMap<>();

  static {
    VERSIONS.put("TLSv1", ProtocolVersion.TLSv10);
    VERSIONS.put("TLSv1.1", ProtocolVersion.TLSv11);
    VERSIONS.put("TLSv1.2", ProtocolVersion.TLSv12);
    VERSIONS.put("TLSv1.3", ProtocolVersion.TLSv13);
  }

  private static final TlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());
  private static final Map<Integer, String> NAMES = suiteNames();

  private TlsScanner() {}

  /** Version → accepted/refused/unknown, then weak suites accepted (name → NCSC grade). */
  record Scan(Map<String, String> versions, Map<String, String> weakCiphers) {}

  static Scan scan(Opener opener, ProbeTarget target, Transcript transcript) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("SSLv3", "untested");
    ProtocolVersion weakAt = null;
    for (Map.Entry<String, ProtocolVersion> v : VERSIONS.entrySet()) {
      Outcome o = attempt(opener, target, v.getValue(), suites(v.getValue(), s -> true));
      versions.put(v.getKey(), o.result);
      transcript.note(
          "scan "
              + v.getKey()
              + ": "
              + o.result
              + (o.detail.isEmpty() ? "" : " (" + o.detail + ")"));
      if (o.result.equals("accepted") && v.getValue() != ProtocolVersion.TLSv13) {
        weakAt = v.getValue();
      }
    }
    Map<String, String> weak = new HashMap<>();
    if (weakAt != null) {
      for (NcscGrade g : List.of(NcscGrade.INSUFFICIENT, NcscGrade.PHASE_OUT)) {
        int[] offer = suites(weakAt, name -> NcscGrade.ofCipher(name) == g);
        if (offer.length == 0) {
          continue;
        }
        Outcome o = attempt(opener, target, weakAt, offer);
        transcript.note(
            "scan " + g.id() + " suites: " + o.result + (o.suite.isEmpty() ? "" : " " + o.suite));
        if (o.result.equals("accepted")) {
          weak.put(o.suite, g.id());
        }
      }
    }
    return new Scan(versions, weak);
  }

  private record Outcome(String result, String suite, String detail) {}

  private static Outcome attempt(
      Opener opener, ProbeTarget target, ProtocolVersion version, int[] offer) {
    Session s;
    try {
      s = opener.open();
    } catch (ProbeFailure f) {
      return new Outcome("unknown", "", f.getMessage());
    }
    try {
      ScanClient client = new ScanClient(version, offer, target);
      TlsClientProtocol p =
          new TlsClientProtocol(s.socket().getInputStream(), s.socket().getOutputStream());
      s.socket().setSoTimeout((int) Math.max(1, s.deadline().step().toMillis()));
      p.connect(client);
      String suite = NAMES.getOrDefault(client.selected, String.format("0x%04x", client.selected));
      try {
        p.close();
      } catch (IOException ignored) {
        // the server may drop us first
      }
      return new Outcome("accepted", suite, "");
    } catch (SocketTimeoutException e) {
      return new Outcome("unknown", "", "timeout");
    } catch (IOException | RuntimeException e) {
      if (s.deadline().expired()) {
        return new Outcome("unknown", "", "deadline");
      }
      return new Outcome(
          "refused",
          "",
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } finally {
      s.close();
    }
  }

  /** Every suite the BC crypto can do at {@code version} whose IANA name passes {@code filter}. */
  static int[] suites(ProtocolVersion version, Predicate<String> filter) {
    // Best first: servers that follow the client's order then pick what a modern client would get.
    List<Integer> out = new ArrayList<>();
    for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
      int suite = e.getKey();
      String name = e.getValue();
      if (name.contains("_PSK_")
          || name.contains("_SRP_")
          || name.contains("_ECCPWD_")
          || name.contains("_KRB5_")
          || name.contains("_GOST")
          || name.startsWith("TLS_EMPTY")
          || name.contains("_SM4_")) {
        continue;
      }
      if (TlsUtils.isValidCipherSuiteForVersion(suite, version) && filter.test(name)) {
        out.add(suite);
      }
    }
    out.sort(
        java.util.Comparator.comparing((Integer i) -> NcscGrade.ofCipher(NAMES.get(i)))
            .thenComparing(i -> NAMES.get(i).startsWith("TLS_ECDHE_") ? 0 : 1));
    int[] all = out.stream().mapToInt(Integer::intValue).toArray();
    return TlsUtils.getSupportedCipherSuites(CRYPTO, all);
  }

  private static Map<Integer, String> suiteNames() {
    Map<Integer, String> names = new LinkedHashMap<>();
    for (Field f : CipherSuite.class.getFields()) {
      if (f.getType() == int.class
          && Modifier.isStatic(f.getModifiers())
          && f.getName().startsWith("TLS_")) {
        try {
          names.putIfAbsent(f.getInt(null), f.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  /**
   * Offers exactly one version and the given suites; accepts any certificate (this is a scan, not
   * trust).
   */
  private static final class ScanClient extends DefaultTlsClient {
    private final ProtocolVersion version;
    private final int[] offer;
    private final ProbeTarget target;
    int selected = -1;

    ScanClient(ProtocolVersion version, int[] offer, ProbeTarget target) {
      super(CRYPTO);
      this.version = version;
      this.offer = offer;
      this.target = target;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return version.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return offer;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      if (target.byAddress()) {
        return null;
      }
      Vector<ServerName> v = new Vector<>();
      v.add(new ServerName(NameType.host_name, target.name().getBytes(StandardCharsets.US_ASCII)));
      return v;
    }

    @Override
    public void notifySelectedCipherSuite(int suite) {
      selected = suite;
      super.notifySelectedCipherSuite(suite);
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new ServerOnlyTlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
          // inspected by TlsInspector on the main connection
        }
      };
    }
  }
}
