package io.mxray.core.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A {@link DnsClient} that answers from RFC 1035 master files, as an authoritative server loaded
 * with them would: exact matches, CNAME chains (also across loaded zones), NODATA for existing
 * names and empty non-terminals, wildcards (RFC 4592, closest encloser), and NXDOMAIN for names
 * outside every loaded zone. Powers {@code --zone-file} (audit a draft zone before publishing it)
 * and every fixture test.
 *
 * <p>The builder can inject faults (TIMEOUT, SERVFAIL, REFUSED) per name and type, and mark name
 * servers as lame. Direct questions to name servers ({@link #queryAuthoritative}) are answered
 * authoritatively from the loaded zones: a zone file cannot tell whether the real servers will
 * serve it.
 */
public final class ZoneFileDnsClient implements DnsClient {

  /** Type value used in fault keys to mean "every type". */
  public static final int ANY_TYPE = -1;

  static final String SERVER = "zone-file";

  /** The detail of an NXDOMAIN for a name no loaded zone contains. */
  public static final String OUTSIDE_ZONES = "outside every loaded zone";

  private static final int MAX_CNAME = 8;
  private static final long DEFAULT_TTL = 3600;

  private record Key(String name, int type) {}

  private final Map<String, Map<Integer, List<Record>>> nodes;
  private final Set<String>
      existing; // owner names and their ancestors inside a zone (empty non-terminals)
  private final List<String> origins;
  private final Map<Key, DnsStatus> faults;
  private final Map<String, DnsStatus> serverFaults;
  private final Map<String, Boolean> lameServers;

  private ZoneFileDnsClient(Builder b) {
    this.nodes = b.nodes;
    this.origins = List.copyOf(b.origins);
    this.faults = Map.copyOf(b.faults);
    this.serverFaults = Map.copyOf(b.serverFaults);
    this.lameServers = Map.copyOf(b.lameServers);
    Set<String> ex = new HashSet<>();
    for (String owner : nodes.keySet()) {
      String zone = zoneOf(owner);
      String n = owner;
      while (n != null) {
        ex.add(n);
        if (n.equals(zone)) {
          break;
        }
        n = parent(n);
      }
    }
    this.existing = ex;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads zone files given as {@code PATH} or {@code ORIGIN=PATH} (the CLI's {@code --zone-file}
   * form).
   *
   * @throws ZoneFileException with a one-line message naming the file and the problem
   */
  public static ZoneFileDnsClient fromSpecs(List<String> specs) {
    Builder b = builder();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq > 0 && !spec.substring(0, eq).contains("/")) {
        b.zoneFile(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
      } else {
        b.zoneFile(Path.of(spec));
      }
    }
    return b.build();
  }

  /** Origins of the loaded zones. */
  public List<String> zones() {
    return origins;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    String qname = canonical(name);
    List<String> chain = new ArrayList<>();
    String current = qname;
    for (int hop = 0; hop <= MAX_CNAME; hop++) {
      DnsStatus fault = faultFor(current, type);
      if (fault != null) {
        return new DnsAnswer(
            qname,
            type,
            fault,
            List.of(),
            chain,
            false,
            false,
            SERVER,
            0,
            "fault injected for " + current + "/" + Type.string(type));
      }
      String zone = zoneOf(current);
      if (zone == null) {
        return new DnsAnswer(
            qname,
            type,
            DnsStatus.NXDOMAIN,
            List.of(),
            chain,
            false,
            true,
            SERVER,
            0,
            OUTSIDE_ZONES);
      }
      Map<Integer, List<Record>> node = lookupNode(current, zone);
      if (node == null) {
        DnsStatus s = existing.contains(current) ? DnsStatus.NODATA : DnsStatus.NXDOMAIN;
        return new DnsAnswer(qname, type, s, List.of(), chain, false, true, SERVER, 0, "");
      }
      List<Record> matching = node.get(type);
      if (matching != null && !matching.isEmpty()) {
        return new DnsAnswer(
            qname,
            type,
            DnsStatus.NOERROR,
            rename(matching, current),
            chain,
            false,
            true,
            SERVER,
            0,
            "");
      }
      List<Record> cname = node.get(Type.CNAME);
      if (cname == null || cname.isEmpty() || type == Type.CNAME) {
        return new DnsAnswer(
            qname, type, DnsStatus.NODATA, List.of(), chain, false, true, SERVER, 0, "");
      }
      String target = DomainName.normalize(((CNAMERecord) cname.get(0)).getTarget());
      if (target.equals(qname) || chain.contains(target)) {
        return new DnsAnswer(
            qname,
            type,
            DnsStatus.SERVFAIL,
            List.of(),
            chain,
            false,
            false,
            SERVER,
            0,
            "CNAME loop at " + target);
      }
      chain.add(target);
      current = target;
    }
    return new DnsAnswer(
        qname,
        type,
        DnsStatus.SERVFAIL,
        List.of(),
        chain,
        false,
        false,
        SERVER,
        0,
        "CNAME chain longer than " + MAX_CNAME);
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    String ip = server.getHostAddress();
    DnsStatus fault = serverFaults.get(ip);
    if (fault != null) {
      return DnsAnswer.empty(
          DomainName.normalize(name), type, fault, ip, 0, "fault injected for server " + ip);
    }
    if (lameServers.containsKey(ip)) {
      return DnsAnswer.empty(
          DomainName.normalize(name), type, DnsStatus.REFUSED, ip, 0, "lame server (fixture)");
    }
    DnsAnswer a = query(name, type);
    if (a.isFailure()) {
      return new DnsAnswer(
          a.name(), type, a.status(), a.records(), List.of(), false, false, ip, 0, a.detail());
    }
    boolean inZone = zoneOf(a.name()) != null;
    return new DnsAnswer(
        a.name(),
        type,
        inZone ? a.status() : DnsStatus.REFUSED,
        a.records(),
        List.of(),
        false,
        inZone,
        ip,
        0,
        a.detail());
  }

  /**
   * The name in the same presentation form as stored owner names: dnsjava's, where unusual octets
   * are escaped (a space is {@code \032}). Names built by macro expansion (SPF) can contain such
   * octets.
   */
  static String canonical(String name) {
    try {
      return DomainName.normalize(Name.fromString(name.endsWith(".") ? name : name + "."));
    } catch (Exception e) {
      return DomainName.normalize(name);
    }
  }

  private DnsStatus faultFor(String name, int type) {
    DnsStatus s = faults.get(new Key(name, type));
    return s != null ? s : faults.get(new Key(name, ANY_TYPE));
  }

  /** The records at {@code name}, or synthesized from the wildcard at its closest encloser. */
  private Map<Integer, List<Record>> lookupNode(String name, String zone) {
    Map<Integer, List<Record>> node = nodes.get(name);
    if (node != null || existing.contains(name)) {
      return node;
    }
    // RFC 4592 §3.3.1: find the closest encloser, then look for "*.<closest encloser>".
    String encloser = parent(name);
    while (encloser != null && !existing.contains(encloser) && !encloser.equals(zone)) {
      encloser = parent(encloser);
    }
    if (encloser == null) {
      return null;
    }
    return nodes.get(encloser.isEmpty() ? "*" : "*." + encloser);
  }

  private static List<Record> rename(List<Record> records, String owner) {
    Name n = DomainName.toName(owner);
    List<Record> out = new ArrayList<>(records.size());
    for (Record r : records) {
      out.add(r.getName().equals(n) ? r : r.withName(n));
    }
    return out;
  }

  private String zoneOf(String name) {
    String best = null;
    for (String origin : origins) {
      if (isSubdomain(name, origin) && (best == null || origin.length() > best.length())) {
        best = origin;
      }
    }
    return best;
  }

  static boolean isSubdomain(String name, String zone) {
    return zone.isEmpty() || name.equals(zone) || name.endsWith("." + zone);
  }

  private static String parent(String name) {
    if (name.isEmpty()) {
      return null;
    }
    int dot = name.indexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /** Builds a client from zone files, zone text, single records and faults. */
  public static final class Builder {
    private final Map<String, Map<Integer, List<Record>>> nodes = new HashMap<>();
    private final List<String> origins = new ArrayList<>();
    private final Map<Key, DnsStatus> faults = new HashMap<>();
    private final Map<String, DnsStatus> serverFaults = new HashMap<>();
    private final Map<String, Boolean> lameServers = new LinkedHashMap<>();

    private Builder() {}

    /** Loads a master file; its origin is its SOA owner, else a name derived from the file name. */
    public Builder zoneFile(Path file) {
      return zoneFile(null, file);
    }

    /** Loads a master file whose relative names are relative to {@code origin}. */
    public Builder zoneFile(String origin, Path file) {
      Objects.requireNonNull(file, "file");
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ZoneFileException("cannot read zone file '" + file + "': no such readable file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        String guess = origin != null ? origin : originFromFileName(file);
        return load(guess, in, file.toString(), origin != null);
      } catch (IOException e) {
        throw new ZoneFileException("cannot read zone file '" + file + "': " + e.getMessage());
      }
    }

    /** Loads zone text (master-file syntax) whose relative names are relative to {@code origin}. */
    public Builder zone(String origin, String text) {
      try {
        return load(
            origin,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "zone " + origin,
            true);
      } catch (IOException e) {
        throw new ZoneFileException("cannot parse zone " + origin + ": " + e.getMessage());
      }
    }

    /** Adds one record; its zone is added as an origin if no loaded zone contains it. */
    public Builder record(Record r) {
      String owner = DomainName.normalize(r.getName());
      boolean covered = origins.stream().anyMatch(o -> isSubdomain(owner, o));
      if (!covered) {
        origins.add(owner);
      }
      add(r);
      return this;
    }

    /** Declares a zone with no records yet (so names under it are NXDOMAIN rather than outside). */
    public Builder origin(String origin) {
      String o = DomainName.normalize(origin);
      if (!origins.contains(o)) {
        origins.add(o);
      }
      return this;
    }

    /** Answers {@code status} for {@code name}/{@code type} ({@link #ANY_TYPE} for all types). */
    public Builder fault(String name, int type, DnsStatus status) {
      faults.put(new Key(canonical(name), type), status);
      return this;
    }

    /** Answers {@code status} for every type at {@code name}. */
    public Builder fault(String name, DnsStatus status) {
      return fault(name, ANY_TYPE, status);
    }

    /** Direct questions to this server address answer REFUSED (a lame delegation). */
    public Builder lameServer(String ip) {
      lameServers.put(ip, Boolean.TRUE);
      return this;
    }

    /**
     * Direct questions to this server address get {@code status} (TIMEOUT for an unreachable
     * server).
     */
    public Builder serverFault(String ip, DnsStatus status) {
      serverFaults.put(ip, status);
      return this;
    }

    public ZoneFileDnsClient build() {
      return new ZoneFileDnsClient(this);
    }

    private Builder load(String origin, InputStream in, String label, boolean explicitOrigin)
        throws IOException {
      Name originName = origin == null ? null : DomainName.toName(origin);
      List<Record> records = new ArrayList<>();
      String apex = null;
      // Draft zones often lack $TTL; default it rather than refuse the file.
      try (Master master = new Master(in, originName, DEFAULT_TTL)) {
        Record r;
        while ((r = master.nextRecord()) != null) {
          records.add(r);
          if (r instanceof SOARecord && apex == null) {
            apex = DomainName.normalize(r.getName());
          }
          if (records.size() > 1_000_000) {
            throw new ZoneFileException(
                "zone file '" + label + "' has more than 1,000,000 records");
          }
        }
      } catch (ZoneFileException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        String m = oneLine(e.getMessage()).replace("<none>:", "line ");
        throw new ZoneFileException("cannot parse zone file '" + label + "': " + m);
      }
      if (apex == null) {
        if (originName == null || (!explicitOrigin && origin.indexOf('.') < 0)) {
          throw new ZoneFileException(
              "zone file '"
                  + label
                  + "' has no SOA record, so its origin is unknown;"
                  + " add an SOA record or name the origin: --zone-file example.com="
                  + label);
        }
        apex = DomainName.normalize(originName);
      }
      if (!origins.contains(apex)) {
        origins.add(apex);
      }
      for (Record rec : records) {
        add(rec);
      }
      return this;
    }

    private void add(Record r) {
      String owner = DomainName.normalize(r.getName());
      nodes
          .computeIfAbsent(owner, k -> new HashMap<>())
          .computeIfAbsent(r.getType(), k -> new ArrayList<>())
          .add(r);
    }

    private static String originFromFileName(Path file) {
      String n = file.getFileName().toString();
      for (String suffix : List.of(".zone", ".db", ".txt")) {
        if (n.endsWith(suffix)) {
          n = n.substring(0, n.length() - suffix.length());
        }
      }
      if (n.startsWith("db.")) {
        n = n.substring(3);
      }
      try {
        DomainName.toName(n);
        return n;
      } catch (InvalidDomainException e) {
        return null;
      }
    }

    private static String oneLine(String s) {
      return s == null ? "syntax error" : s.replaceAll("\\s+", " ").trim();
    }
  }
}
