package io.mxray.core.probe;

import io.mxray.core.probe.ScanAttempt.Offer;
import io.mxray.core.probe.ScanAttempt.Outcome;
import io.mxray.core.probe.TlsScan.Answer;
import io.mxray.core.probe.TlsScan.KeyExchange;
import io.mxray.core.probe.TlsScan.Order;
import io.mxray.core.probe.TlsScan.Suite;
import io.mxray.core.probe.TlsScan.Support;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * The TLS scan of one port, as deep as testssl.sh goes for what the NCSC grades: each protocol
 * version (SSL 3.0 with a hand-built hello, TLS 1.0–1.3 with Bouncy Castle), every suite the server
 * accepts per version (offer all, remove the one chosen, repeat), whether it enforces its own
 * order, the key exchange each suite negotiated, which groups it accepts when offered alone, the
 * hash it signs key exchanges with, compression, renegotiation, extended master secret and 0-RTT.
 *
 * <p>One fresh connection per question, each brought to the ClientHello by the protocol's preamble;
 * besides the version probes, each stops once the key exchange is known. The grade-deciding
 * questions come first (old versions, then suites offered weakest first), so a server that stops
 * answering still gets the verdict that matters. The scan stops — and says what it did not test —
 * as soon as the server refuses a connection or a session (421, -ERR, BYE, RST), the overall
 * deadline passes, or a handshake gets no answer in time: it never stalls twice on one port.
 */
final class TlsScanner {

  /** Brings a new connection to the point where the ClientHello is due. */
  interface Opener {
    Session open() throws ProbeFailure;

    /** The protocol's first command after TLS, or empty when the server speaks first. */
    default String afterTls() {
      return "";
    }

    /** {@code open} followed, after TLS, by the command {@code line}. */
    static Opener then(Opener open, String line) {
      return new Opener() {
        @Override
        public Session open() throws ProbeFailure {
          return open.open();
        }

        @Override
        public String afterTls() {
          return line;
        }
      };
    }
  }

  static final Map<String, ProtocolVersion> VERSIONS = new LinkedHashMap<>();

  static {
    VERSIONS.put("TLSv1", ProtocolVersion.TLSv10);
    VERSIONS.put("TLSv1.1", ProtocolVersion.TLSv11);
    VERSIONS.put("TLSv1.2", ProtocolVersion.TLSv12);
    VERSIONS.put("TLSv1.3", ProtocolVersion.TLSv13);
  }

  private static final Map<String, Integer> RAW_VERSIONS =
      Map.of("TLSv1", RawHello.TLS10, "TLSv1.1", RawHello.TLS11, "TLSv1.2", RawHello.TLS12);

  /**
   * The groups the group scan asks about (X25519, X448, P-256/384/521, brainpool, ffdhe2048–8192),
   * cheapest first: the first one offered gets the early key share.
   */
  static final int[] SCAN_GROUPS_13 = {
    NamedGroup.x25519,
    NamedGroup.secp256r1,
    NamedGroup.x448,
    NamedGroup.secp384r1,
    NamedGroup.secp521r1,
    NamedGroup.brainpoolP256r1tls13,
    NamedGroup.brainpoolP384r1tls13,
    NamedGroup.brainpoolP512r1tls13,
    NamedGroup.ffdhe2048,
    NamedGroup.ffdhe3072,
    NamedGroup.ffdhe4096,
    NamedGroup.ffdhe6144,
    NamedGroup.ffdhe8192
  };

  static final int[] SCAN_GROUPS_12 = {
    NamedGroup.x25519,
    NamedGroup.secp256r1,
    NamedGroup.x448,
    NamedGroup.secp384r1,
    NamedGroup.secp521r1,
    NamedGroup.brainpoolP256r1,
    NamedGroup.brainpoolP384r1,
    NamedGroup.brainpoolP512r1,
    NamedGroup.secp224r1
  };

  /** Offered in every other attempt, best first, so a client-order server picks as a modern one. */
  static final int[] DEFAULT_GROUPS = {
    NamedGroup.x25519,
    NamedGroup.secp256r1,
    NamedGroup.secp384r1,
    NamedGroup.secp521r1,
    NamedGroup.x448,
    NamedGroup.brainpoolP256r1tls13,
    NamedGroup.brainpoolP384r1tls13,
    NamedGroup.brainpoolP512r1tls13,
    NamedGroup.brainpoolP256r1,
    NamedGroup.brainpoolP384r1,
    NamedGroup.brainpoolP512r1,
    NamedGroup.secp224r1,
    NamedGroup.ffdhe2048,
    NamedGroup.ffdhe3072,
    NamedGroup.ffdhe4096,
    NamedGroup.ffdhe6144,
    NamedGroup.ffdhe8192
  };

  /** Most rounds of offer-and-remove per version (a server accepts far fewer suites). */
  static final int MAX_ROUNDS = 120;

  private TlsScanner() {}

  static TlsScan scan(Opener opener, ProbeTarget target, Transcript transcript, Deadline deadline) {
    return new Run(opener, target, transcript, deadline).scan();
  }

  /** The state of one scan. */
  private static final class Run {
    final Opener opener;
    final ProbeTarget target;
    final Transcript t;
    final Deadline deadline;
    int connections;
    String stopReason = "";
    final List<String> untested = new ArrayList<>();
    final Map<String, Answer> versions = new LinkedHashMap<>();
    final Map<String, List<Suite>> suites = new LinkedHashMap<>();
    final Map<String, Order> order = new LinkedHashMap<>();
    final Map<String, Answer> groups = new LinkedHashMap<>();
    String groupsVersion = "";
    final Map<String, Answer> hashes = new LinkedHashMap<>();
    final Map<String, Outcome> versionProbe = new LinkedHashMap<>();
    Support compression = Support.UNKNOWN;

    Run(Opener opener, ProbeTarget target, Transcript t, Deadline deadline) {
      this.opener = opener;
      this.target = target;
      this.t = t;
      this.deadline = deadline;
    }

    boolean stopped() {
      return !stopReason.isEmpty();
    }

    void stop(String why) {
      if (!stopped()) {
        stopReason = why;
        t.note("scan stopped: " + why);
      }
    }

    /** One BC attempt, or empty when the scan has stopped (the question is then untested). */
    Optional<Outcome> attempt(Offer offer, String question) {
      if (!stopped() && deadline.expired()) {
        stop("the overall deadline passed");
      }
      if (stopped()) {
        untested.add(question);
        return Optional.empty();
      }
      connections++;
      Outcome o = ScanAttempt.run(opener, target, offer);
      return checked(o.stop(), o.timedOut() && !o.accepted(), o.detail(), question)
          ? Optional.of(o)
          : Optional.empty();
    }

    Optional<RawHello.Reply> raw(int version, int[] offer, boolean deflate, String question) {
      if (!stopped() && deadline.expired()) {
        stop("the overall deadline passed");
      }
      if (stopped()) {
        untested.add(question);
        return Optional.empty();
      }
      connections++;
      Session s;
      try {
        s = opener.open();
      } catch (ProbeFailure f) {
        checked(true, false, f.getMessage(), question);
        return Optional.empty();
      }
      try (s) {
        RawHello.Reply r =
            RawHello.ask(s, version, offer, deflate, target.byAddress() ? null : target.name());
        return checked(false, r.answer() == Answer.UNKNOWN, r.detail(), question)
            ? Optional.of(r)
            : Optional.empty();
      }
    }

    private boolean checked(boolean noSession, boolean timedOut, String detail, String question) {
      if ((noSession || timedOut) && deadline.expired()) {
        stop("the overall deadline passed");
      } else if (noSession) {
        stop("the server refused a further connection (" + detail + ")");
      } else if (timedOut) {
        stop("a handshake got no answer in time (" + detail + ")");
      } else {
        return true;
      }
      untested.add(question);
      return false;
    }

    TlsScan scan() {
      probeVersions();
      for (String v : accepted(true)) {
        enumerate(v);
      }
      for (String v : accepted(false)) {
        legacy(v);
      }
      for (String v : accepted(true)) {
        order(v);
      }
      scanGroups();
      kexHash();
      compression();
      return result();
    }

    List<String> accepted(boolean withTls13) {
      return VERSIONS.keySet().stream()
          .filter(v -> versions.get(v) == Answer.ACCEPTED)
          .filter(v -> withTls13 || !v.equals("TLSv1.3"))
          .toList();
    }

    void probeVersions() {
      for (String v : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
        ProtocolVersion pv = VERSIONS.get(v);
        Optional<Outcome> o =
            attempt(
                new Offer(pv, SuiteCatalog.suites(pv, n -> true), DEFAULT_GROUPS, null, true), v);
        if (o.isEmpty()) {
          versions.put(v, stopped() ? Answer.UNTESTED : Answer.UNKNOWN);
          continue;
        }
        versions.put(v, o.get().answer());
        versionProbe.put(v, o.get());
        note(v, o.get());
        if (o.get().accepted()) {
          add(v, o.get());
        }
      }
      Optional<RawHello.Reply> ssl3 =
          raw(RawHello.SSL3, SuiteCatalog.rawSsl3Suites(), false, "SSLv3 (hand-built hello)");
      versions.put(
          "SSLv3",
          ssl3.map(RawHello.Reply::answer).orElse(stopped() ? Answer.UNTESTED : Answer.UNKNOWN));
      ssl3.ifPresent(
          r -> {
            t.note(
                "scan SSLv3: "
                    + r.answer().id()
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
            if (r.answer() == Answer.ACCEPTED) {
              suites.computeIfAbsent("SSLv3", k -> new ArrayList<>()).add(rawSuite(r.suite()));
            }
          });
    }

    void note(String v, Outcome o) {
      String what =
          o.accepted()
              ? "accepted "
                  + SuiteCatalog.name(o.suite())
                  + kexNote(o.kex())
                  + (o.usable() == Support.NO ? " — " + o.detail() : "")
              : o.answer().id() + (o.detail().isEmpty() ? "" : " (" + o.detail() + ")");
      t.note("scan " + v + ": " + what);
    }

    /**
     * Offer everything not yet seen, take out what the server chose, until it refuses. The offers
     * list the weakest first, so a server that follows the client's order shows its weak suites
     * early (and a scan cut short still has them); the version probe already showed what a modern
     * client gets.
     */
    void enumerate(String v) {
      ProtocolVersion pv = VERSIONS.get(v);
      int before = suites.getOrDefault(v, List.of()).size();
      for (int round = 0; round < MAX_ROUNDS; round++) {
        int[] offer = reversed(SuiteCatalog.suites(pv, n -> !found(v, n)));
        if (offer.length == 0) {
          break;
        }
        Optional<Outcome> o =
            attempt(new Offer(pv, offer, DEFAULT_GROUPS, null, false, true), v + " suite list");
        if (o.isEmpty() || !o.get().accepted()) {
          break;
        }
        add(v, o.get());
      }
      List<Suite> all = suites.getOrDefault(v, List.of());
      t.note(
          "scan "
              + v
              + " suites: "
              + all.size()
              + " accepted ("
              + (all.size() - before)
              + " by enumeration)"
              + (stopped() ? ", enumeration stopped" : ""));
    }

    /**
     * Suites mxray's client does not implement (RC4, DES, export, IDEA), offered by a raw hello.
     */
    void legacy(String v) {
      int rawVersion = RAW_VERSIONS.get(v);
      for (int round = 0; round < MAX_ROUNDS; round++) {
        int[] offer =
            SuiteCatalog.LEGACY.stream()
                .filter(c -> !found(v, SuiteCatalog.name(c)))
                .mapToInt(Integer::intValue)
                .toArray();
        if (offer.length == 0) {
          return;
        }
        Optional<RawHello.Reply> r = raw(rawVersion, offer, false, v + " legacy suites");
        if (r.isEmpty() || r.get().answer() != Answer.ACCEPTED) {
          return;
        }
        t.note("scan " + v + " legacy suites: accepted " + SuiteCatalog.name(r.get().suite()));
        suites.computeIfAbsent(v, k -> new ArrayList<>()).add(rawSuite(r.get().suite()));
      }
    }

    /** Offers the accepted suites in reverse: a server that keeps its pick enforces its order. */
    void order(String v) {
      List<Suite> found =
          suites.getOrDefault(v, List.of()).stream()
              .filter(
                  s ->
                      SuiteCatalog.NAMES.containsValue(s.name())
                          && SuiteCatalog.supported(s.name()))
              .toList();
      // Order only matters when it decides between a suite graded acceptable and one that is not.
      if (found.size() < 2
          || suites.get(v).stream().allMatch(x -> x.grade().acceptable())
          || suites.get(v).stream().noneMatch(x -> x.grade().acceptable())) {
        return;
      }
      int[] reversed = new int[found.size()];
      for (int i = 0; i < found.size(); i++) {
        reversed[i] = SuiteCatalog.code(found.get(found.size() - 1 - i).name());
      }
      ProtocolVersion pv = VERSIONS.get(v);
      Optional<Outcome> o =
          attempt(new Offer(pv, reversed, DEFAULT_GROUPS, null, false, true), v + " suite order");
      Order result =
          o.filter(Outcome::accepted)
              .map(x -> x.suite() == reversed[0] ? Order.CLIENT : Order.SERVER)
              .orElse(Order.UNKNOWN);
      order.put(v, result);
      t.note(
          "scan "
              + v
              + " order: "
              + (result == Order.UNKNOWN ? "unknown" : "the " + result.id() + " decides"));
    }

    /**
     * Which key-exchange groups the server accepts, at the best version (TLS 1.3 key shares, else
     * TLS 1.2 with ECDHE suites): offer the groups not yet seen, take out the one chosen, until the
     * server refuses. Each attempt stops as soon as the server's share has arrived.
     */
    void scanGroups() {
      String v =
          versions.get("TLSv1.3") == Answer.ACCEPTED
              ? "TLSv1.3"
              : versions.get("TLSv1.2") == Answer.ACCEPTED ? "TLSv1.2" : "";
      if (v.isEmpty()) {
        return;
      }
      ProtocolVersion pv = VERSIONS.get(v);
      int[] offer =
          v.equals("TLSv1.3")
              ? SuiteCatalog.suites(pv, n -> true)
              : SuiteCatalog.suites(pv, n -> n.startsWith("TLS_ECDHE_"));
      if (offer.length == 0) {
        return;
      }
      groupsVersion = v;
      List<Integer> remaining = new ArrayList<>();
      for (int g : v.equals("TLSv1.3") ? SCAN_GROUPS_13 : SCAN_GROUPS_12) {
        if (SuiteCatalog.CRYPTO.hasNamedGroup(g) && NamedGroup.canBeNegotiated(g, pv)) {
          remaining.add(g);
        }
      }
      for (int round = 0; round < SCAN_GROUPS_13.length + 1 && !remaining.isEmpty(); round++) {
        int[] groupOffer = remaining.stream().mapToInt(Integer::intValue).toArray();
        Optional<Outcome> o =
            attempt(new Offer(pv, offer, groupOffer, null, false, true), "groups at " + v);
        Optional<Integer> chosen =
            o.filter(Outcome::accepted)
                .flatMap(
                    x ->
                        remaining.stream()
                            .filter(g -> KeyExchangeWatch.groupName(g).equals(x.kex().group()))
                            .findFirst());
        if (chosen.isEmpty()) {
          Answer rest =
              o.isEmpty()
                  ? Answer.UNTESTED
                  : o.get().answer() == Answer.REFUSED ? Answer.REFUSED : Answer.UNKNOWN;
          remaining.forEach(g -> groups.put(KeyExchangeWatch.groupName(g), rest));
          break;
        }
        groups.put(KeyExchangeWatch.groupName(chosen.get()), Answer.ACCEPTED);
        remaining.remove(chosen.get());
      }
      t.note(
          "scan groups at "
              + v
              + ": accepted "
              + groups.entrySet().stream()
                  .filter(e -> e.getValue() == Answer.ACCEPTED)
                  .map(Map.Entry::getKey)
                  .reduce((a, b) -> a + " " + b)
                  .orElse("none"));
    }

    /** NCSC 3.3.5: does the server sign its (EC)DHE parameters with SHA-1 or SHA-224 when asked? */
    void kexHash() {
      if (versions.get("TLSv1.2") != Answer.ACCEPTED) {
        return;
      }
      int[] signed =
          suites.getOrDefault("TLSv1.2", List.of()).stream()
              .filter(s -> s.name().startsWith("TLS_ECDHE_") || s.name().startsWith("TLS_DHE_"))
              .filter(s -> SuiteCatalog.supported(s.name()))
              .mapToInt(s -> SuiteCatalog.code(s.name()))
              .toArray();
      if (signed.length == 0) {
        return;
      }
      for (Map.Entry<String, java.util.Vector<org.bouncycastle.tls.SignatureAndHashAlgorithm>> h :
          Map.of("sha1", ScanAttempt.SHA1, "sha224", ScanAttempt.SHA224).entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .toList()) {
        Optional<Outcome> o =
            attempt(
                new Offer(
                    ProtocolVersion.TLSv12, signed, DEFAULT_GROUPS, h.getValue(), false, true),
                "key exchange signed with " + h.getKey());
        // Accepted only when the handshake completed with a signature made with that very hash:
        // a server that ignores the offer and signs with SHA-256 has refused it.
        Answer a =
            o.map(
                    x ->
                        x.accepted() && h.getKey().equals(x.kexHash())
                            ? Answer.ACCEPTED
                            : Answer.REFUSED)
                .orElse(Answer.UNTESTED);
        hashes.put(h.getKey(), a);
        t.note("scan key exchange signed with " + h.getKey() + ": " + a.id());
        if (a == Answer.ACCEPTED) {
          return; // the worst is known; SHA-224 would add nothing to the grade
        }
      }
    }

    /** RFC 3749 DEFLATE offered beside null at the best version up to 1.2 (CRIME). */
    void compression() {
      List<String> legacy = accepted(false);
      if (legacy.isEmpty()) {
        compression =
            versions.get("TLSv1.3") == Answer.ACCEPTED ? Support.NOT_APPLICABLE : Support.UNKNOWN;
        return;
      }
      String v = legacy.get(legacy.size() - 1);
      int[] offer = SuiteCatalog.suites(VERSIONS.get(v), n -> true);
      Optional<RawHello.Reply> r = raw(RAW_VERSIONS.get(v), offer, true, "compression");
      compression =
          r.filter(x -> x.answer() == Answer.ACCEPTED)
              .map(x -> x.compression() == 1 ? Support.YES : Support.NO)
              .orElse(Support.UNKNOWN);
      t.note("scan compression at " + v + ": " + compression.id());
    }

    boolean found(String v, String name) {
      return suites.getOrDefault(v, List.of()).stream().anyMatch(s -> s.name().equals(name));
    }

    void add(String v, Outcome o) {
      String n = SuiteCatalog.name(o.suite());
      if (!found(v, n)) {
        suites
            .computeIfAbsent(v, k -> new ArrayList<>())
            .add(
                new Suite(
                    n,
                    o.suite(),
                    NcscGrade.ofCipher(n),
                    o.kex(),
                    o.usable(),
                    o.usable() == Support.NO ? o.detail() : ""));
      }
    }

    TlsScan result() {
      // Facts from the version probes: the best version up to 1.2 for the TLS 1.2-only settings,
      // the best version overall for certificate details.
      Outcome legacy =
          accepted(false).stream().map(versionProbe::get).reduce((a, b) -> b).orElse(null);
      Outcome best =
          accepted(true).stream().map(versionProbe::get).reduce((a, b) -> b).orElse(null);
      boolean tls13 = versions.get("TLSv1.3") == Answer.ACCEPTED;
      Support reneg =
          legacy != null
              ? legacy.secureRenegotiation()
              : tls13 ? Support.NOT_APPLICABLE : Support.UNKNOWN;
      Support ems =
          legacy != null
              ? legacy.extendedMasterSecret()
              : tls13 ? Support.NOT_APPLICABLE : Support.UNKNOWN;
      Outcome v13 = versionProbe.get("TLSv1.3");
      Support zeroRtt =
          v13 != null && v13.accepted()
              ? v13.earlyData()
              : versions.get("TLSv1.3") == Answer.REFUSED
                  ? Support.NOT_APPLICABLE
                  : Support.UNKNOWN;
      List<X509Certificate> chain = List.of();
      String chainVersion = "";
      for (String v : accepted(true)) {
        Outcome o = versionProbe.get(v);
        if (o != null && !o.chain().isEmpty()) {
          chain = o.chain();
          chainVersion = v;
        }
      }
      TlsScan.Status status = stopped() ? TlsScan.Status.INCOMPLETE : TlsScan.Status.COMPLETE;
      return new TlsScan(
          status,
          stopReason,
          untested,
          connections,
          versions,
          suites,
          order,
          groups,
          groupsVersion,
          hashes,
          reneg,
          ems,
          compression,
          zeroRtt,
          best == null ? Support.UNKNOWN : best.ocspStapled(),
          best == null ? -1 : best.tlsScts(),
          chain,
          chainVersion);
    }
  }

  static int[] reversed(int[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[a.length - 1 - i];
    }
    return out;
  }

  static String kexNote(KeyExchange k) {
    return k.method().isEmpty() ? "" : " (" + k.label() + ")";
  }

  static Suite rawSuite(int code) {
    String n = SuiteCatalog.name(code);
    return new Suite(
        n,
        code,
        NcscGrade.ofCipher(n),
        KeyExchange.UNKNOWN,
        Support.NO,
        "the server chose it in its ServerHello; mxray's TLS client does not implement it");
  }
}
