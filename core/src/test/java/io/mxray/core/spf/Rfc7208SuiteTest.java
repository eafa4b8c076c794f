package io.mxray.core.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.InvalidDomainException;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.testing.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The RFC 7208 test suite (openspf / pyspf YAML, in {@code ../shared/corpora/spf}) as dynamic
 * tests: one container per scenario, one test per case. The zone data becomes a {@link
 * ZoneFileDnsClient} following the harness conventions in the corpus README (SPF entries served as
 * TXT when no TXT entry exists, {@code TXT: NONE}, {@code TIMEOUT} as injected faults, names
 * starting with "error." time out).
 */
class Rfc7208SuiteTest {

  static final String FILE = "rfc7208-tests.yml";
  private static final List<Integer> TYPES =
      List.of(Type.A, Type.AAAA, Type.MX, Type.PTR, Type.TXT, Type.SPF, Type.CNAME);

  @TestFactory
  Stream<DynamicNode> rfc7208Suite() throws IOException {
    Path file = Corpora.require("spf").resolve(FILE);
    List<DynamicNode> scenarios = new ArrayList<>();
    for (Scenario s : load(file)) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Map.Entry<String, Map<String, Object>> t : s.tests().entrySet()) {
        tests.add(DynamicTest.dynamicTest(t.getKey(), () -> run(s, t.getKey(), t.getValue())));
      }
      scenarios.add(DynamicContainer.dynamicContainer(s.description(), tests));
    }
    assertThat(scenarios).hasSize(16);
    return scenarios.stream();
  }

  /** One YAML document: its tests and the DNS built from its zone data. */
  record Scenario(String description, Map<String, Map<String, Object>> tests, DnsClient dns) {}

  @SuppressWarnings("unchecked")
  static List<Scenario> load(Path file) throws IOException {
    List<Scenario> out = new ArrayList<>();
    LoaderOptions lo = new LoaderOptions();
    lo.setCodePointLimit(16 * 1024 * 1024);
    try (InputStream in = Files.newInputStream(file)) {
      for (Object doc : new Yaml(lo).loadAll(in)) {
        if (!(doc instanceof Map<?, ?> m)) {
          continue;
        }
        Map<String, Object> d = (Map<String, Object>) m;
        Map<String, Map<String, Object>> tests =
            new LinkedHashMap<>((Map<String, Map<String, Object>>) d.get("tests"));
        Map<String, List<Object>> zone =
            (Map<String, List<Object>>) d.getOrDefault("zonedata", Map.of());
        out.add(new Scenario(String.valueOf(d.get("description")), tests, dns(zone)));
      }
    }
    return out;
  }

  /**
   * Turns {@code zonedata} into a zone-file client, per the corpus README's harness conventions.
   */
  @SuppressWarnings("unchecked")
  static DnsClient dns(Map<String, List<Object>> zone) {
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
          for (int type : TYPES) {
            if (!seen.contains(type)) {
              b.fault(owner, type, DnsStatus.TIMEOUT);
            }
          }
          continue;
        }
        Map<String, Object> entry = (Map<String, Object>) item;
        for (Map.Entry<String, Object> rr : entry.entrySet()) {
          Object v = rr.getValue();
          if ("NONE".equals(v)) {
            continue;
          }
          switch (rr.getKey()) {
            case "A" ->
                add(
                    b,
                    seen,
                    Type.A,
                    new ARecord(name, DClass.IN, 300, InetAddresses.forString((String) v)));
            case "AAAA" ->
                add(
                    b,
                    seen,
                    Type.AAAA,
                    new AAAARecord(name, DClass.IN, 300, InetAddresses.forString((String) v)));
            case "MX" -> {
              List<Object> mx = (List<Object>) v;
              add(
                  b,
                  seen,
                  Type.MX,
                  new MXRecord(
                      name,
                      DClass.IN,
                      300,
                      ((Number) mx.get(0)).intValue(),
                      name(String.valueOf(mx.get(1)))));
            }
            case "PTR" ->
                add(b, seen, Type.PTR, new PTRRecord(name, DClass.IN, 300, name((String) v)));
            case "CNAME" ->
                add(b, seen, Type.CNAME, new CNAMERecord(name, DClass.IN, 300, name((String) v)));
            case "TXT" -> add(b, seen, Type.TXT, new TXTRecord(name, DClass.IN, 300, strings(v)));
            case "SPF" -> {
              add(b, seen, Type.SPF, new SPFRecord(name, DClass.IN, 300, strings(v)));
              if (!hasTxt) {
                add(b, seen, Type.TXT, new TXTRecord(name, DClass.IN, 300, strings(v)));
              }
            }
            default -> throw new IllegalArgumentException("unknown zonedata type " + rr.getKey());
          }
        }
      }
    }
    ZoneFileDnsClient zf = b.build();
    return new DnsClient() {
      @Override
      public DnsAnswer query(String qname, int type) {
        // Zone owners are stored in dnsjava's presentation form (a space is "\\032"); ask in that
        // form too.
        String n = canonical(qname);
        if (n.startsWith("error.") && zf.query(n, Type.ANY).status() == DnsStatus.NXDOMAIN) {
          return DnsAnswer.empty(
              n, type, DnsStatus.TIMEOUT, "suite", 0, "error.* names time out (README rule 5)");
        }
        return zf.query(n, type);
      }

      @Override
      public DnsAnswer queryAuthoritative(InetAddress server, String qname, int type) {
        throw new AssertionError("the SPF evaluator never asks name servers directly");
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

  private static void add(
      ZoneFileDnsClient.Builder b, Set<Integer> seen, int type, org.xbill.DNS.Record r) {
    seen.add(type);
    b.record(r);
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (Exception e) {
      throw new IllegalArgumentException("zonedata name " + s + ": " + e.getMessage());
    }
  }

  /** One string or a list of strings; escaped so dnsjava stores the octets as given. */
  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    List<String> raw = v instanceof List<?> l ? (List<String>) l : List.of(String.valueOf(v));
    List<String> out = new ArrayList<>();
    for (String s : raw) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        if (c == '\\' || c == '"' || c < 0x20 || c >= 0x7f) {
          if (c < 0x100) {
            b.append(String.format(Locale.ROOT, "\\%03d", (int) c));
          } else {
            for (byte x : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
              b.append(String.format(Locale.ROOT, "\\%03d", x & 0xff));
            }
          }
        } else {
          b.append(c);
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  private static void run(Scenario s, String id, Map<String, Object> t) {
    InetAddress ip = InetAddresses.forString(String.valueOf(t.get("host")));
    SpfRequest req =
        SpfRequest.mailFrom(
            ip,
            String.valueOf(t.getOrDefault("mailfrom", "")),
            String.valueOf(t.getOrDefault("helo", "")));
    SpfEvaluator ev =
        new SpfEvaluator(s.dns(), SpfEvaluator.Options.DEFAULT.withDefaultExplanation("DEFAULT"));
    SpfEvaluation r = ev.checkHost(req);
    List<String> expected = expected(t.get("result"));
    String why =
        id
            + ": "
            + t.getOrDefault("description", "")
            + "\n  got "
            + r.result().id()
            + " ("
            + r.reason()
            + ", mechanism "
            + r.mechanism().orElse("-")
            + ")\n  trace "
            + r.trace();
    assertThat(r.result().id()).as(why).isIn(expected);
    if (t.containsKey("explanation")) {
      assertThat(r.explanation()).as(why).contains(String.valueOf(t.get("explanation")));
    }
  }

  private static List<String> expected(Object result) {
    List<String> out = new ArrayList<>();
    List<?> values = result instanceof List<?> l ? l : List.of(result);
    for (Object o : values) {
      String s = String.valueOf(o).toLowerCase(Locale.ROOT);
      out.add(s.equals("unknown") ? "permerror" : s.equals("error") ? "temperror" : s);
    }
    return out;
  }
}
