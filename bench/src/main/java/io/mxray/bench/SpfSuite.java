package io.mxray.bench;

import com.google.common.net.InetAddresses;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.InvalidDomainException;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.spf.SpfRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.yaml.snakeyaml.Yaml;

/**
 * The RFC 7208 YAML suite loaded into memory for benchmarks: each case's check_host() request and
 * an in-memory DNS built from its scenario's zone data (the conventions of the corpus README; the
 * same as core's Rfc7208SuiteTest, which cannot be shared with this module because it lives in test
 * code).
 */
final class SpfSuite {

  record Case(String id, SpfRequest request, DnsClient dns) {}

  private static final List<Integer> TYPES =
      List.of(Type.A, Type.AAAA, Type.MX, Type.PTR, Type.TXT, Type.SPF, Type.CNAME);

  private SpfSuite() {}

  /**
   * The suite file: -Dmxray.corpora=DIR, else ../shared/corpora relative to the working directory.
   */
  static Path file() {
    String root = System.getProperty("mxray.corpora", "../shared/corpora");
    Path p = Path.of(root, "spf", "rfc7208-tests.yml");
    if (!Files.isReadable(p)) {
      throw new IllegalStateException(
          "RFC 7208 suite not found at "
              + p.toAbsolutePath()
              + "; run from the repository root or pass -Dmxray.corpora=DIR");
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file())) {
      for (Object doc : new Yaml().loadAll(in)) {
        if (!(doc instanceof Map<?, ?> m)) {
          continue;
        }
        Map<String, Object> d = (Map<String, Object>) m;
        DnsClient dns = dns((Map<String, List<Object>>) d.getOrDefault("zonedata", Map.of()));
        for (Map.Entry<String, Map<String, Object>> t :
            ((Map<String, Map<String, Object>>) d.get("tests")).entrySet()) {
          Map<String, Object> c = t.getValue();
          InetAddress ip = InetAddresses.forString(String.valueOf(c.get("host")));
          out.add(
              new Case(
                  t.getKey(),
                  SpfRequest.mailFrom(
                      ip,
                      String.valueOf(c.getOrDefault("mailfrom", "")),
                      String.valueOf(c.getOrDefault("helo", ""))),
                  dns));
        }
      }
    }
    return out;
  }

  /** Every TXT/SPF string of the zone data that is an SPF record (the parser benchmark's input). */
  @SuppressWarnings("unchecked")
  static List<String> records() throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file())) {
      for (Object doc : new Yaml().loadAll(in)) {
        if (doc instanceof Map<?, ?> m && m.get("zonedata") instanceof Map<?, ?> z) {
          for (Object entries : z.values()) {
            for (Object e : (List<Object>) entries) {
              if (e instanceof Map<?, ?> rr) {
                for (Map.Entry<?, ?> kv : rr.entrySet()) {
                  if (!"TXT".equals(kv.getKey()) && !"SPF".equals(kv.getKey())) {
                    continue;
                  }
                  Object v = kv.getValue();
                  String s =
                      v instanceof List<?> l
                          ? String.join("", (List<String>) l)
                          : String.valueOf(v);
                  if (s.toLowerCase(Locale.ROOT).startsWith("v=spf1")) {
                    out.add(s);
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static DnsClient dns(Map<String, List<Object>> zone) {
    ZoneFileDnsClient.Builder b = ZoneFileDnsClient.builder();
    for (Map.Entry<String, List<Object>> e : zone.entrySet()) {
      String owner = e.getKey().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      Name name = name(owner);
      b.origin(owner);
      boolean hasTxt =
          e.getValue().stream().anyMatch(x -> x instanceof Map<?, ?> mm && mm.containsKey("TXT"));
      Set<Integer> seen = new HashSet<>();
      for (Object item : e.getValue()) {
        if ("TIMEOUT".equals(item)) {
          TYPES.stream()
              .filter(t -> !seen.contains(t))
              .forEach(t -> b.fault(owner, t, DnsStatus.TIMEOUT));
          continue;
        }
        for (Map.Entry<String, Object> rr : ((Map<String, Object>) item).entrySet()) {
          Object v = rr.getValue();
          if ("NONE".equals(v)) {
            continue;
          }
          List<Record> recs = new ArrayList<>();
          switch (rr.getKey()) {
            case "A" ->
                recs.add(new ARecord(name, DClass.IN, 300, InetAddresses.forString((String) v)));
            case "AAAA" ->
                recs.add(new AAAARecord(name, DClass.IN, 300, InetAddresses.forString((String) v)));
            case "MX" ->
                recs.add(
                    new MXRecord(
                        name,
                        DClass.IN,
                        300,
                        ((Number) ((List<Object>) v).get(0)).intValue(),
                        name(String.valueOf(((List<Object>) v).get(1)))));
            case "PTR" -> recs.add(new PTRRecord(name, DClass.IN, 300, name((String) v)));
            case "CNAME" -> recs.add(new CNAMERecord(name, DClass.IN, 300, name((String) v)));
            case "TXT" -> recs.add(new TXTRecord(name, DClass.IN, 300, strings(v)));
            case "SPF" -> {
              recs.add(new SPFRecord(name, DClass.IN, 300, strings(v)));
              if (!hasTxt) {
                recs.add(new TXTRecord(name, DClass.IN, 300, strings(v)));
              }
            }
            default -> throw new IllegalArgumentException("unknown zonedata type " + rr.getKey());
          }
          for (Record r : recs) {
            seen.add(r.getType());
            b.record(r);
          }
        }
      }
    }
    ZoneFileDnsClient zf = b.build();
    return new DnsClient() {
      @Override
      public DnsAnswer query(String qname, int type) {
        String n = canonical(qname);
        if (n.startsWith("error.") && zf.query(n, Type.ANY).status() == DnsStatus.NXDOMAIN) {
          return DnsAnswer.empty(n, type, DnsStatus.TIMEOUT, "suite", 0, "error.* names time out");
        }
        return zf.query(n, type);
      }

      @Override
      public DnsAnswer queryAuthoritative(InetAddress server, String qname, int type) {
        throw new UnsupportedOperationException("not used by SPF");
      }
    };
  }

  private static String canonical(String qname) {
    try {
      return DomainName.normalize(DomainName.toName(qname));
    } catch (InvalidDomainException e) {
      return qname.toLowerCase(Locale.ROOT);
    }
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (Exception e) {
      throw new IllegalArgumentException("zonedata name " + s + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    List<String> raw = v instanceof List<?> l ? (List<String>) l : List.of(String.valueOf(v));
    List<String> out = new ArrayList<>();
    for (String s : raw) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        if (c == '\\' || c == '"' || c < 0x20 || c >= 0x7f) {
          byte[] bytes =
              c < 0x100
                  ? new byte[] {(byte) c}
                  : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          for (byte x : bytes) {
            b.append(String.format(Locale.ROOT, "\\%03d", x & 0xff));
          }
        } else {
          b.append(c);
        }
      }
      out.add(b.toString());
    }
    return out;
  }
}
