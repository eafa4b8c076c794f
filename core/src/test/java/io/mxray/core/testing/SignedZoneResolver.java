package io.mxray.core.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * An in-process, authoritative-style dnsjava {@link Resolver} serving zones signed in the test with
 * dnsjava's DNSSEC utilities (ECDSA P-256, NSEC): no socket is ever opened. It answers like the
 * authoritative servers of all loaded zones at once: data with its RRSIGs, and NODATA/NXDOMAIN with
 * the SOA and signed NSEC proofs; DS questions go to the parent zone.
 *
 * <p>The fixture: {@code example.} is the trust anchor's zone; {@code secure.example} is signed
 * with a DS in the parent; {@code bogus.example} is signed but the parent's DS names another key;
 * {@code insecure.example} is unsigned and the parent proves (NSEC) that it has no DS; {@code
 * expired.example} is signed with expired signatures. Each child zone has {@code MX 10 mx1.<zone>}
 * and {@code mx1.<zone> A 192.0.2.30}; tests add records (TLSA, more MX hosts) before signing and
 * can break single signatures. {@link #records()} hands the unsigned data to a {@link
 * io.mxray.core.dns.ZoneFileDnsClient}, so the audit's DNS port and the validator see the same
 * zones.
 */
public final class SignedZoneResolver implements Resolver {

  private static final long TTL = 300;
  private final Map<Name, Map<Name, Map<Integer, RRset>>> zones = new LinkedHashMap<>();
  private final String anchor;
  private final boolean denialProofs;
  private final Map<Name, Name> nsec3Owners = new HashMap<>();
  private final List<Record> unsigned = new ArrayList<>();

  public SignedZoneResolver() throws Exception {
    this(true, false);
  }

  public SignedZoneResolver(boolean denialProofs, boolean nsec3) throws Exception {
    this(denialProofs, nsec3, List.of());
  }

  /**
   * @param denialProofs false to leave the NSEC records out of negative answers (a broken server)
   * @param nsec3 true to sign {@code example.} with NSEC3 (RFC 5155; SHA-1, no iterations, no salt,
   *     as RFC 9276 advises) instead of NSEC
   * @param extra records to add, before signing, to the deepest zone that contains each
   */
  public SignedZoneResolver(boolean denialProofs, boolean nsec3, List<Record> extra)
      throws Exception {
    this.denialProofs = denialProofs;
    Name example = Name.fromString("example.");
    Name secure = Name.fromString("secure.example.");
    Name bogus = Name.fromString("bogus.example.");
    Name insecure = Name.fromString("insecure.example.");
    Name expired = Name.fromString("expired.example.");
    Key root = new Key(example);
    Key secureKey = new Key(secure);
    Key bogusKey = new Key(bogus);
    Key unrelated = new Key(bogus);
    Key expiredKey = new Key(expired);

    List<Record> parent = new ArrayList<>(apex(example));
    for (Name child : List.of(secure, bogus, insecure, expired)) {
      parent.add(new NSRecord(child, DClass.IN, TTL, Name.fromString("ns1.good.example.")));
    }
    parent.add(new DSRecord(secure, DClass.IN, TTL, DNSSEC.Digest.SHA256, secureKey.dnskey));
    // bogus.example's DS points at a key the child does not publish: the chain of trust breaks.
    parent.add(new DSRecord(bogus, DClass.IN, TTL, DNSSEC.Digest.SHA256, unrelated.dnskey));
    parent.add(new DSRecord(expired, DClass.IN, TTL, DNSSEC.Digest.SHA256, expiredKey.dnskey));
    Map<Name, List<Record>> data = new LinkedHashMap<>();
    data.put(example, parent);
    for (Name child : List.of(secure, bogus, insecure, expired)) {
      data.put(child, withMx(child));
    }
    for (Record r : extra) {
      Name zone =
          data.keySet().stream()
              .filter(z -> r.getName().subdomain(z))
              .max(Comparator.comparingInt(Name::labels))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          r.getName() + " is outside the fixture's zones"));
      data.get(zone).add(r);
    }
    data.values().forEach(unsigned::addAll);
    Instant now = Instant.now();
    zones.put(
        example,
        nsec3
            ? signNsec3(
                example,
                parent,
                root,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)))
            : sign(
                example,
                parent,
                root,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30))));

    zones.put(
        secure,
        sign(
            secure,
            data.get(secure),
            secureKey,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(30))));
    zones.put(
        bogus,
        sign(
            bogus,
            data.get(bogus),
            bogusKey,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(30))));
    // expired.example: the chain is intact but every signature expired a week ago.
    zones.put(
        expired,
        sign(
            expired,
            data.get(expired),
            expiredKey,
            now.minus(Duration.ofDays(40)),
            now.minus(Duration.ofDays(7))));
    zones.put(insecure, index(data.get(insecure)));
    this.anchor =
        new DSRecord(example, DClass.IN, TTL, DNSSEC.Digest.SHA256, root.dnskey).toString();
  }

  /** The trust anchor for {@code example.} as master-file text. */
  public String trustAnchor() {
    return anchor;
  }

  /** Every zone's data without DNSSEC records (no DNSKEY, RRSIG, NSEC), apex records first. */
  public List<Record> records() {
    return List.copyOf(unsigned);
  }

  /**
   * Corrupts the signature over {@code name}/{@code type} (one flipped bit), as a broken signer or
   * a tampering path would: validators must find the RRset bogus.
   */
  public SignedZoneResolver breakSignature(String name, int type) throws Exception {
    Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
    Name zone = zoneFor(n, type == Type.DS);
    RRset set = zone == null ? null : zones.get(zone).getOrDefault(n, Map.of()).get(type);
    if (set == null || set.sigs().isEmpty()) {
      throw new IllegalArgumentException("no signed " + Type.string(type) + " RRset at " + n);
    }
    RRset broken = new RRset();
    set.rrs(false).forEach(broken::addRR);
    for (RRSIGRecord s : set.sigs()) {
      byte[] sig = s.getSignature();
      sig[sig.length / 2] ^= 0x01;
      broken.addRR(
          new RRSIGRecord(
              s.getName(),
              s.getDClass(),
              s.getTTL(),
              s.getTypeCovered(),
              s.getAlgorithm(),
              s.getOrigTTL(),
              s.getExpire(),
              s.getTimeSigned(),
              s.getFootprint(),
              s.getSigner(),
              sig));
    }
    zones.get(zone).get(n).put(type, broken);
    return this;
  }

  private static final class Key {
    final KeyPair pair;
    final DNSKEYRecord dnskey;

    Key(Name zone) throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      pair = g.generateKeyPair();
      dnskey =
          new DNSKEYRecord(
              zone,
              DClass.IN,
              TTL,
              257,
              DNSKEYRecord.Protocol.DNSSEC,
              DNSSEC.Algorithm.ECDSAP256SHA256,
              pair.getPublic());
    }
  }

  private static List<Record> apex(Name zone) throws Exception {
    List<Record> r = new ArrayList<>();
    r.add(
        new SOARecord(
            zone,
            DClass.IN,
            TTL,
            Name.fromString("ns1.good.example."),
            Name.fromString("hostmaster.good.example."),
            1,
            7200,
            3600,
            1209600,
            300));
    r.add(new NSRecord(zone, DClass.IN, TTL, Name.fromString("ns1.good.example.")));
    return r;
  }

  private static List<Record> withMx(Name zone) throws Exception {
    List<Record> r = apex(zone);
    Name mx1 = Name.fromString("mx1", zone);
    r.add(new MXRecord(zone, DClass.IN, TTL, 10, mx1));
    r.add(new ARecord(mx1, DClass.IN, TTL, java.net.InetAddress.getByName("192.0.2.30")));
    return r;
  }

  private static Map<Name, Map<Integer, RRset>> index(List<Record> records) {
    Map<Name, Map<Integer, RRset>> byName = new TreeMap<>();
    for (Record r : records) {
      byName
          .computeIfAbsent(r.getName(), n -> new HashMap<>())
          .computeIfAbsent(r.getType(), t -> new RRset())
          .addRR(r);
    }
    return byName;
  }

  /** Adds DNSKEY and an NSEC chain, then signs every authoritative RRset. */
  private static Map<Name, Map<Integer, RRset>> sign(
      Name zone, List<Record> records, Key key, Instant from, Instant until) throws Exception {
    List<Record> all = new ArrayList<>(records);
    all.add(key.dnskey);
    Map<Name, Map<Integer, RRset>> byName = index(all);
    List<Name> names = new ArrayList<>(new TreeSet<>(byName.keySet()));
    for (int i = 0; i < names.size(); i++) {
      Name n = names.get(i);
      Name next = names.get((i + 1) % names.size());
      TreeSet<Integer> types = new TreeSet<>(byName.get(n).keySet());
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      NSECRecord nsec =
          new NSECRecord(
              n, DClass.IN, TTL, next, types.stream().mapToInt(Integer::intValue).toArray());
      byName.get(n).computeIfAbsent(Type.NSEC, t -> new RRset()).addRR(nsec);
    }
    for (Map.Entry<Name, Map<Integer, RRset>> e : byName.entrySet()) {
      boolean delegation = !e.getKey().equals(zone) && e.getValue().containsKey(Type.NS);
      for (Map.Entry<Integer, RRset> t : e.getValue().entrySet()) {
        if (delegation && t.getKey() == Type.NS) {
          continue; // NS at a delegation point belongs to the child and is not signed by the
          // parent.
        }
        RRSIGRecord sig = DNSSEC.sign(t.getValue(), key.dnskey, key.pair.getPrivate(), from, until);
        t.getValue().addRR(sig);
      }
    }
    return byName;
  }

  /**
   * Like {@link #sign} but with an NSEC3 chain; remembers each name's NSEC3 owner for negative
   * answers.
   */
  private Map<Name, Map<Integer, RRset>> signNsec3(
      Name zone, List<Record> records, Key key, Instant from, Instant until) throws Exception {
    List<Record> all = new ArrayList<>(records);
    all.add(key.dnskey);
    all.add(
        new NSEC3PARAMRecord(zone, DClass.IN, 0, NSEC3Record.SHA1_DIGEST_ID, 0, 0, new byte[0]));
    Map<Name, Map<Integer, RRset>> byName = index(all);
    base32 b32 = new base32(base32.Alphabet.BASE32HEX, false, false);
    TreeMap<String, Name> byHash = new TreeMap<>();
    Map<String, byte[]> raw = new HashMap<>();
    for (Name n : byName.keySet()) {
      byte[] h = MessageDigest.getInstance("SHA-1").digest(n.toWireCanonical());
      String label = b32.toString(h).toLowerCase(java.util.Locale.ROOT);
      byHash.put(label, n);
      raw.put(label, h);
    }
    List<String> hashes = new ArrayList<>(byHash.keySet());
    Map<Name, RRset> chain = new HashMap<>();
    for (int i = 0; i < hashes.size(); i++) {
      Name original = byHash.get(hashes.get(i));
      boolean delegation = !original.equals(zone) && byName.get(original).containsKey(Type.NS);
      TreeSet<Integer> types = new TreeSet<>(byName.get(original).keySet());
      boolean signed = !delegation || types.contains(Type.DS);
      if (signed) {
        types.add(Type.RRSIG);
      }
      Name owner = Name.fromString(hashes.get(i), zone);
      NSEC3Record r =
          new NSEC3Record(
              owner,
              DClass.IN,
              TTL,
              NSEC3Record.SHA1_DIGEST_ID,
              0,
              0,
              new byte[0],
              raw.get(hashes.get((i + 1) % hashes.size())),
              types.stream().mapToInt(Integer::intValue).toArray());
      RRset set = new RRset();
      set.addRR(r);
      chain.put(owner, set);
      nsec3Owners.put(original, owner);
    }
    for (Map.Entry<Name, Map<Integer, RRset>> e : byName.entrySet()) {
      boolean delegation = !e.getKey().equals(zone) && e.getValue().containsKey(Type.NS);
      for (Map.Entry<Integer, RRset> t : e.getValue().entrySet()) {
        if (!(delegation && t.getKey() == Type.NS)) {
          t.getValue()
              .addRR(DNSSEC.sign(t.getValue(), key.dnskey, key.pair.getPrivate(), from, until));
        }
      }
    }
    for (Map.Entry<Name, RRset> e : chain.entrySet()) {
      e.getValue().addRR(DNSSEC.sign(e.getValue(), key.dnskey, key.pair.getPrivate(), from, until));
      byName.put(e.getKey(), new HashMap<>(Map.of(Type.NSEC3, e.getValue())));
    }
    return byName;
  }

  Message answer(Message query) {
    Record q = query.getQuestion();
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    r.addRecord(q, Section.QUESTION);
    r.addRecord(new OPTRecord(1232, 0, 0, Flags.DO), Section.ADDITIONAL);
    Name name = q.getName();
    Name zone = zoneFor(name, q.getType() == Type.DS);
    if (zone == null) {
      r.getHeader().setRcode(Rcode.REFUSED);
      return r;
    }
    Map<Name, Map<Integer, RRset>> data = zones.get(zone);
    Map<Integer, RRset> node = data.get(name);
    if (node != null && node.containsKey(q.getType())) {
      addSet(r, node.get(q.getType()), Section.ANSWER);
      return r;
    }
    Map<Integer, RRset> apex = data.get(zone);
    addSet(r, apex.get(Type.SOA), Section.AUTHORITY);
    if (node != null) {
      if (denialProofs && node.containsKey(Type.NSEC)) {
        addSet(r, node.get(Type.NSEC), Section.AUTHORITY);
      }
      Name hashed = nsec3Owners.get(name);
      if (denialProofs && hashed != null && data.containsKey(hashed)) {
        addSet(r, data.get(hashed).get(Type.NSEC3), Section.AUTHORITY);
      }
      return r;
    }
    r.getHeader().setRcode(Rcode.NXDOMAIN);
    Name covering = null;
    for (Name n : data.keySet()) {
      if (n.compareTo(name) < 0) {
        covering = n;
      }
    }
    if (denialProofs && covering != null && data.get(covering).containsKey(Type.NSEC)) {
      addSet(r, data.get(covering).get(Type.NSEC), Section.AUTHORITY);
    }
    if (denialProofs && apex.containsKey(Type.NSEC)) {
      addSet(r, apex.get(Type.NSEC), Section.AUTHORITY); // covers the wildcard *.zone
    }
    return r;
  }

  private Name zoneFor(Name name, boolean parentSide) {
    Name best = null;
    for (Name z : zones.keySet()) {
      boolean inside = name.subdomain(z) && !(parentSide && name.equals(z));
      if (inside && (best == null || z.labels() > best.labels())) {
        best = z;
      }
    }
    return best;
  }

  private static void addSet(Message m, RRset set, int section) {
    set.rrs(false).forEach(rr -> m.addRecord(rr, section));
    set.sigs().forEach(rr -> m.addRecord(rr, section));
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    return CompletableFuture.completedFuture(answer(query));
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    return CompletableFuture.completedFuture(answer(query));
  }

  @Override
  public void setPort(int port) {}

  @Override
  public void setTCP(boolean flag) {}

  @Override
  public void setIgnoreTruncation(boolean flag) {}

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

  @Override
  public void setTSIGKey(TSIG key) {}

  @Override
  public void setTimeout(Duration timeout) {}

  /** An upstream that always fails, as a resolver that cannot be reached does. */
  public static final class Failing implements Resolver {
    private final boolean silent;

    public Failing() {
      this(false);
    }

    /**
     * @param silent never answer at all (the caller's deadline must fire) instead of failing at
     *     once
     */
    public Failing(boolean silent) {
      this.silent = silent;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      return silent
          ? new CompletableFuture<>()
          : CompletableFuture.failedFuture(
              new java.net.SocketTimeoutException("timed out (fixture)"));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
      return sendAsync(query, Runnable::run);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }
}
