package io.mxray.core.probe;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The cipher suites the scan knows: IANA names and code points (from Bouncy Castle's {@code
 * CipherSuite} constants), which of them Bouncy Castle's client can offer, and the legacy ones
 * (RC4, DES, export, IDEA) only a hand-built hello can.
 */
final class SuiteCatalog {

  private SuiteCatalog() {}

  static final TlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());
  static final Map<Integer, String> NAMES = suiteNames();

  static String name(int suite) {
    return NAMES.getOrDefault(suite, String.format("0x%04x", suite));
  }

  static boolean supported(String name) {
    return SUPPORTED.contains(code(name));
  }

  static int code(String name) {
    return CODES.getOrDefault(name, -1);
  }

  private static final Map<String, Integer> CODES =
      NAMES.entrySet().stream()
          .collect(
              Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));

  private static boolean ignored(String name) {
    return name.contains("_PSK_")
        || name.contains("_SRP_")
        || name.contains("_ECCPWD_")
        || name.contains("_KRB5_")
        || name.contains("_GOST")
        || name.startsWith("TLS_EMPTY")
        || name.startsWith("TLS_FALLBACK")
        || name.contains("_SM4_")
        || name.equals("TLS_NULL_WITH_NULL_NULL");
  }

  /** Every suite BC can do at {@code version} whose IANA name passes {@code filter}, best first. */
  static int[] suites(ProtocolVersion version, Predicate<String> filter) {
    List<Integer> out = new ArrayList<>();
    for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
      int suite = e.getKey();
      String name = e.getValue();
      if (ignored(name)) {
        continue;
      }
      if (SUPPORTED.contains(suite)
          && TlsUtils.isValidCipherSuiteForVersion(suite, version)
          && filter.test(name)) {
        out.add(suite);
      }
    }
    // Best first: servers that follow the client's order then pick what a modern client would get.
    out.sort(
        Comparator.comparing((Integer i) -> NcscGrade.ofCipher(NAMES.get(i)))
            .thenComparing(i -> NAMES.get(i).startsWith("TLS_ECDHE_") ? 0 : 1));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static final Set<Integer> SUPPORTED = supported();

  /** Suites of TLS 1.2 and older that BC cannot do, for the raw hello: RC4, DES, export, IDEA. */
  static final List<Integer> LEGACY =
      NAMES.entrySet().stream()
          .filter(e -> !ignored(e.getValue()) && !SUPPORTED.contains(e.getKey()))
          .filter(e -> (e.getKey() >> 8) != 0x13)
          .map(Map.Entry::getKey)
          .toList();

  static int[] rawSsl3Suites() {
    // SSL 3.0 knows no AEAD, no SHA-256 and no elliptic curves in most implementations: offer the
    // suites of its era plus the CBC ones later servers kept.
    return NAMES.entrySet().stream()
        .filter(e -> !ignored(e.getValue()))
        .filter(e -> e.getKey() < 0x00ff || (e.getKey() >= 0xc001 && e.getKey() <= 0xc019))
        .mapToInt(Map.Entry::getKey)
        .toArray();
  }

  private static Set<Integer> supported() {
    int[] all = NAMES.keySet().stream().mapToInt(Integer::intValue).toArray();
    return java.util.Arrays.stream(TlsUtils.getSupportedCipherSuites(CRYPTO, all))
        .boxed()
        .collect(Collectors.toUnmodifiableSet());
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
}
