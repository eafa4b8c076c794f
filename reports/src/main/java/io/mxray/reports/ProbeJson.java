package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.net.Addresses;
import io.mxray.core.probe.CertificateInfo;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.TlsReport;
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
    }
    n.set("versions", Json.tree(new java.util.TreeMap<>(t.versions())));
    n.set("weakCiphers", Json.tree(new java.util.TreeMap<>(t.weakCiphers())));
    return n;
  }
}
