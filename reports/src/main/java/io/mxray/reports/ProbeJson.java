package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.net.Addresses;
import io.mxray.core.probe.CertificateInfo;
import io.mxray.core.probe.NcscGrade;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.TlsReport;
import io.mxray.core.probe.TlsScan;
import io.mxray.core.probe.Transcript;

/** The JSON document of {@code mxray probe} (documented in docs/probe.md). */
public final class ProbeJson {

  private ProbeJson() {}

  public static ObjectNode of(ProbeReport r) {
    ObjectNode n = Json.document("probe");
    n.put("query", r.query());
    n.put("severity", r.severity().id());
    n.put("durationMs", r.durationMs());
    n.set("findings", Json.findings(r.findings()));
    ArrayNode ports = n.putArray("ports");
    r.ports().forEach(p -> ports.add(port(p)));
    return n;
  }

  public static ObjectNode port(ProbeResult p) {
    ObjectNode n = Json.object();
    n.put("host", p.target().name());
    n.put("address", Addresses.toText(p.target().address()));
    n.put("port", p.target().port());
    n.put("service", p.target().service().id());
    n.put("implicitTls", p.target().service().implicitTls());
    n.put("reachable", p.reachable());
    n.put("connect", p.connect().id());
    n.put("severity", p.severity().id());
    n.set("timings", Json.tree(p.timings()));
    n.set("facts", Json.tree(p.facts()));
    p.tls().ifPresentOrElse(t -> n.set("tls", tls(t)), () -> n.putNull("tls"));
    n.set("findings", Json.findings(p.findings()));
    ArrayNode tr = n.putArray("transcript");
    for (Transcript.Entry e : p.transcript()) {
      ObjectNode en = tr.addObject();
      en.put("dir", e.direction().symbol());
      en.put("ms", e.ms());
      en.put("line", e.line());
    }
    return n;
  }

  static ObjectNode tls(TlsReport t) {
    ObjectNode n = Json.object();
    n.put("established", t.established());
    n.put("failure", t.failure());
    n.put("version", t.version());
    n.put("cipher", t.cipher());
    if (t.established()) {
      n.put("versionGrade", t.versionGrade().id());
      n.put("cipherGrade", t.cipherGrade().id());
    }
    n.put("handshakeMs", t.handshakeMs());
    n.put("hostnameMatch", t.hostnameMatch());
    n.put("trusted", t.trusted());
    n.put("trustProblem", t.trustProblem());
    n.put("selfSigned", t.selfSigned());
    ArrayNode chain = n.putArray("chain");
    for (CertificateInfo c : t.chain()) {
      ObjectNode cn = chain.addObject();
      cn.put("subject", c.subject());
      cn.put("issuer", c.issuer());
      cn.set("dnsNames", Json.tree(c.dnsNames()));
      cn.set("ipAddresses", Json.tree(c.ipAddresses()));
      cn.put("notBefore", c.notBefore().toString());
      cn.put("notAfter", c.notAfter().toString());
      cn.put("keyType", c.keyType());
      cn.put("keyBits", c.keyBits());
      cn.put("signatureAlgorithm", c.signatureAlgorithm());
      cn.put("serial", c.serial());
      cn.set("extendedKeyUsage", Json.tree(c.extendedKeyUsage()));
      cn.set("keyUsage", Json.tree(c.keyUsage()));
      cn.put("embeddedScts", c.embeddedScts());
    }
    n.put("chainSource", t.chainSource());
    n.set("versions", Json.tree(new java.util.TreeMap<>(t.versions())));
    n.set("weakCiphers", Json.tree(new java.util.TreeMap<>(t.weakCiphers())));
    n.set("scan", scan(t.scan()));
    return n;
  }

  static ObjectNode scan(TlsScan s) {
    ObjectNode n = Json.object();
    n.put("status", s.status().id());
    n.put("stopReason", s.stopReason());
    n.set("untested", Json.tree(s.untested().stream().distinct().toList()));
    n.put("connections", s.connections());
    n.put("grading", NcscGrade.SOURCE);
    ObjectNode suites = n.putObject("suites");
    s.suites()
        .forEach(
            (v, list) -> {
              ArrayNode a = suites.putArray(v);
              for (TlsScan.Suite suite : list) {
                ObjectNode o = a.addObject();
                o.put("name", suite.name());
                o.put("id", suite.hex());
                o.put("grade", suite.grade().id());
                o.put("kex", suite.kex().method());
                o.put("group", suite.kex().group());
                o.put("bits", suite.kex().bits());
                suite.kex().grade().ifPresent(g -> o.put("groupGrade", g.id()));
                o.put("usable", suite.usable().id());
                o.put("note", suite.note());
              }
            });
    ObjectNode order = n.putObject("serverOrder");
    s.serverOrder().forEach((v, o) -> order.put(v, o.id()));
    ObjectNode groups = n.putObject("groups");
    s.groups().forEach((g, a) -> groups.put(g, a.id()));
    n.put("groupsVersion", s.groupsVersion());
    ObjectNode hashes = n.putObject("kexHashes");
    s.kexHashes().forEach((h, a) -> hashes.put(h, a.id()));
    n.put("secureRenegotiation", s.secureRenegotiation().id());
    n.put("extendedMasterSecret", s.extendedMasterSecret().id());
    n.put("compression", s.compression().id());
    n.put("zeroRtt", s.zeroRtt().id());
    n.put("ocspStapling", s.ocspStapling().id());
    n.put("tlsScts", s.tlsScts());
    n.put("chainVersion", s.chainVersion());
    return n;
  }
}
