package io.mxray.core.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The four grades of the Dutch NCSC "ICT-beveiligingsrichtlijnen voor Transport Layer Security
 * (TLS)" (version 2025-05), as Internet.nl applies them to mail servers: good, sufficient,
 * phase-out, insufficient. The grades themselves are data ({@code ncsc-tls-2025-05.tsv} beside this
 * class, with its source cited); anything the table does not list is insufficient, as in
 * Internet.nl. Names are IANA names (e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, {@code
 * TLSv1.2}, {@code x25519}, {@code ffdhe3072}, {@code sha1}).
 */
public enum NcscGrade {
  GOOD,
  SUFFICIENT,
  PHASE_OUT,
  INSUFFICIENT;

  /** The guideline and how it is applied, for reports and documentation. */
  public static final String SOURCE =
      "NCSC-NL ICT-beveiligingsrichtlijnen voor TLS 2025-05, as Internet.nl applies them to mail";

  static final String TABLE = "ncsc-tls-2025-05.tsv";

  /** One row of the table: the grade and the guideline section it comes from. */
  public record Entry(NcscGrade grade, String reference) {}

  private static final Map<String, Entry> ROWS = load();

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isWorseThan(NcscGrade other) {
    return ordinal() > other.ordinal();
  }

  /** Good or sufficient: nothing to do. */
  public boolean acceptable() {
    return this == GOOD || this == SUFFICIENT;
  }

  public static NcscGrade of(String id) {
    for (NcscGrade g : values()) {
      if (g.id().equals(id)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown NCSC grade: " + id);
  }

  /** TLS 1.3 good, 1.2 sufficient, everything older insufficient (3.3.1). */
  public static NcscGrade ofVersion(String version) {
    String v = version.equals("TLSv1.0") ? "TLSv1" : version;
    return grade("version", v);
  }

  /** A cipher suite by its IANA name (JSSE's {@code SSL_} prefix is read as {@code TLS_}). */
  public static NcscGrade ofCipher(String suite) {
    String s = suite.startsWith("SSL_") ? "TLS_" + suite.substring(4) : suite;
    return grade("suite", s);
  }

  /**
   * A key-exchange group by its IANA name ({@code x25519}, {@code secp256r1}, {@code ffdhe3072}).
   */
  public static NcscGrade ofGroup(String group) {
    return grade("group", group);
  }

  /** The hash of the signature over the key exchange ({@code sha1}, {@code sha256}, ...). */
  public static NcscGrade ofHash(String hash) {
    return grade("hash", hash.toLowerCase(Locale.ROOT));
  }

  /**
   * A setting that is graded when present: {@code compression}, {@code insecure-renegotiation},
   * {@code no-extended-master-secret}, {@code zero-rtt}.
   */
  public static NcscGrade ofFeature(String feature) {
    return grade("feature", feature);
  }

  /** The table row for {@code kind}/{@code name}, when the table lists it. */
  public static Optional<Entry> entry(String kind, String name) {
    return Optional.ofNullable(ROWS.get(kind + "\t" + name));
  }

  private static NcscGrade grade(String kind, String name) {
    Entry e = ROWS.get(kind + "\t" + name);
    return e == null ? INSUFFICIENT : e.grade();
  }

  private static Map<String, Entry> load() {
    Map<String, Entry> rows = new HashMap<>();
    try (InputStream in = NcscGrade.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TABLE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 4) {
          throw new IllegalStateException(TABLE + " line " + n + ": expected 4 columns");
        }
        if (rows.put(f[0] + "\t" + f[1], new Entry(of(f[2]), f[3])) != null) {
          throw new IllegalStateException(TABLE + " line " + n + ": duplicate " + f[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(rows);
  }
}
