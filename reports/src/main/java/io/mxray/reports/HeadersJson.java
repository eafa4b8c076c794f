package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.arc.ArcResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.headers.Antispam;
import io.mxray.core.headers.ChecklistItem;
import io.mxray.core.headers.HeaderGlossary;
import io.mxray.core.headers.Hop;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MimeStructure;
import io.mxray.core.headers.Received;
import io.mxray.core.headers.ReceivedChain;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;

/**
 * The JSON document of {@code mxray headers} (docs/headers.md, docs/schema/headers.schema.json).
 */
public final class HeadersJson {

  /** Most decoded header values written; a message with more says so in "headersTruncated". */
  static final int MAX_HEADERS = 1000;

  private HeadersJson() {}

  public static ObjectNode of(MessageAnalysis a) {
    ObjectNode root = Json.document("headers");
    root.put("severity", a.worst().id());
    ObjectNode input = root.putObject("input");
    input.put("bytes", a.message().inputBytes());
    input.put("truncated", a.message().truncated());
    input.put("headerFields", a.message().fields().size());
    input.put("hasBody", a.message().hasBody());

    ArrayNode hops = root.putArray("hops");
    for (Hop h : a.chain().hops()) {
      hops.add(hop(h, a.chain().originHop()));
    }
    if (a.chain().totalDelayMillis().isPresent()) {
      putSeconds(root, "totalDelaySeconds", a.chain().totalDelayMillis().getAsLong());
    } else {
      root.putNull("totalDelaySeconds");
    }
    if (a.chain().originIp().isPresent()) {
      root.put("originIp", a.chain().originIp().get());
    } else {
      root.putNull("originIp");
    }
    root.set("origin", origin(a.chain()));

    ArrayNode headers = root.putArray("headers");
    int n = 0;
    for (HeaderField f : a.message().fields()) {
      if (n++ >= MAX_HEADERS) {
        break;
      }
      ObjectNode o = headers.addObject();
      o.put("name", f.name());
      o.put("value", f.decoded());
      HeaderGlossary.lookup(f.name())
          .ifPresent(
              e -> {
                ObjectNode about = o.putObject("about");
                about.put("category", e.category());
                about.put("explanation", e.explanation());
                about.put("url", e.url());
              });
    }
    root.put("headersTruncated", a.message().fields().size() > MAX_HEADERS);

    ObjectNode identity = root.putObject("identity");
    identity.put("from", String.join(", ", a.identity().fromAddresses()));
    identity.put("fromDomain", a.identity().fromDomain());
    identity.put("returnPath", a.identity().mailFrom());
    identity.put("messageId", String.join(" ", a.identity().messageIds()));
    identity.put("date", a.identity().dateText());

    ArrayNode dkim = root.putArray("dkim");
    for (DkimSignatureVerification v : a.dkim().signatures()) {
      ObjectNode o = dkim.addObject();
      o.put("domain", v.domain());
      o.put("selector", v.selector());
      o.put("algorithm", v.algorithm());
      o.put("result", v.result().id());
      o.put("reason", v.reason());
      o.put("problem", v.problem().id());
      o.put("evaluated", a.dkim().evaluated());
      o.put("keyBits", v.keyBits());
      o.put(
          "canonicalization",
          v.headerCanonicalization().isEmpty()
              ? ""
              : v.headerCanonicalization() + "/" + v.bodyCanonicalization());
      if (v.bodyLength() >= 0) {
        o.put("bodyLength", v.bodyLength());
      }
      ArrayNode h = o.putArray("signedHeaders");
      v.signedHeaders().forEach(h::add);
    }

    ObjectNode spf = root.putObject("spf");
    spf.put("result", a.spf().verdict().result());
    spf.put("evaluated", a.spf().verdict().evaluated());
    spf.put("reason", a.spf().verdict().reason());
    spf.put("ip", a.spf().ip());
    spf.put("mailFrom", a.spf().mailFrom());
    spf.put("helo", a.spf().helo());
    spf.put("receiverResult", a.spf().receiverResult());

    ObjectNode dmarc = root.putObject("dmarc");
    dmarc.put("result", a.dmarc().result());
    dmarc.put("evaluated", a.dmarc().evaluated());
    dmarc.put("reason", a.dmarc().reason());
    dmarc.put("fromDomain", a.dmarc().fromDomain());
    dmarc.put("orgDomain", a.dmarc().orgDomain());
    dmarc.put("policy", a.dmarc().policy());
    dmarc.put("dkimAligned", a.dmarc().dkimAligned());
    dmarc.put("spfAligned", a.dmarc().spfAligned());
    ArrayNode dd = dmarc.putArray("dkimDomains");
    a.dmarc().dkimDomains().forEach(dd::add);
    dmarc.put("receiverResult", a.dmarc().receiverResult());

    ObjectNode arc = root.putObject("arc");
    ArcResult ar = a.arc().result();
    arc.put("result", a.arc().evaluated() ? ar.status().id() : "none");
    arc.put("evaluated", a.arc().evaluated());
    arc.put("reason", ar.reason());
    arc.put("instances", ar.instances());
    arc.put("receiverResult", a.arc().receiverResult());
    ArrayNode sets = arc.putArray("sets");
    for (ArcResult.ArcSetInfo s : ar.sets()) {
      ObjectNode o = sets.addObject();
      o.put("instance", s.instance());
      o.put("domain", s.sealDomain());
      o.put("selector", s.sealSelector());
      o.put("cv", s.cv());
      o.put("authservId", s.authservId());
      o.put("authResults", s.authResults());
      o.put("messageSignature", s.messageSignature());
      o.put("seal", s.seal());
    }

    ArrayNode auth = root.putArray("authenticationResults");
    for (AuthResults r : a.authResults()) {
      ObjectNode o = auth.addObject();
      o.put("authservId", r.authservId());
      ArrayNode rs = o.putArray("results");
      for (AuthResults.Method m : r.results()) {
        ObjectNode mo = rs.addObject();
        mo.put("method", m.method());
        mo.put("result", m.result());
        mo.put("reason", m.reason());
        ObjectNode props = mo.putObject("properties");
        m.properties().forEach(props::put);
      }
    }

    ArrayNode antispam = root.putArray("antispam");
    for (Antispam.Report r : a.antispam()) {
      ObjectNode o = antispam.addObject();
      o.put("header", r.header());
      o.put("spam", r.spam());
      ArrayNode es = o.putArray("entries");
      for (Antispam.Entry e : r.entries()) {
        ObjectNode eo = es.addObject();
        eo.put("key", e.key());
        eo.put("value", e.value());
        eo.put("meaning", e.meaning());
      }
    }

    ArrayNode checklist = root.putArray("checklist");
    for (ChecklistItem i : a.checklist()) {
      ObjectNode o = checklist.addObject();
      o.put("id", i.id());
      o.put("title", i.title());
      o.put("status", i.status().id());
      o.put("rule", i.rule());
      o.put("detail", i.detail());
    }

    ObjectNode mime = root.putObject("mime");
    mime.put("truncated", a.mime().truncated());
    mime.put("error", a.mime().error());
    ArrayNode parts = mime.putArray("parts");
    for (MimeStructure.MimePart p : a.mime().parts()) {
      ObjectNode o = parts.addObject();
      o.put("depth", p.depth());
      o.put("contentType", p.contentType());
      o.put("charset", p.charset());
      o.put("transferEncoding", p.transferEncoding());
      o.put("filename", p.filename());
      o.put("bytes", p.bytes());
    }

    root.set("findings", Json.findings(a.findings()));
    return root;
  }

  static ObjectNode hop(Hop h, int originHop) {
    Received r = h.received();
    ObjectNode o = Json.object();
    o.put("index", h.index());
    ObjectNode from = o.putObject("from");
    from.put("helo", r.helo());
    from.put("rdns", r.rdns());
    from.put("ip", r.ip());
    from.put("port", r.port());
    from.put("ident", r.ident());
    from.put("ipSource", r.ipSource().id());
    from.put("rdnsForged", r.rdnsForged());
    from.put("text", r.from());
    ObjectNode by = o.putObject("by");
    by.put("host", r.byHost());
    by.put("ip", r.byIp());
    by.put("text", r.by());
    o.put("via", r.via());
    o.put("with", r.with());
    o.put("protocol", r.protocol());
    o.put("id", r.queueId());
    o.put("idText", r.id());
    o.put("for", r.forClause());
    o.put("recipient", r.recipient());
    o.put("authenticated", r.authenticated());
    if (r.date().isPresent()) {
      o.put("date", r.date().get().toString());
    } else {
      o.putNull("date");
    }
    if (h.delayMillis().isPresent()) {
      putSeconds(o, "delaySeconds", h.delayMillis().getAsLong());
    } else {
      o.putNull("delaySeconds");
    }
    if (h.effectiveDelayMillis().isPresent()) {
      putSeconds(o, "effectiveDelaySeconds", h.effectiveDelayMillis().getAsLong());
    } else {
      o.putNull("effectiveDelaySeconds");
    }
    o.put("sharePercent", Math.round(h.sharePercent() * 100) / 100.0);
    if (h.skew().isPresent()) {
      Hop.ClockSkew k = h.skew().get();
      ObjectNode skew = o.putObject("clockSkew");
      skew.put("kind", k.kind().id());
      putSeconds(skew, "seconds", k.millis());
      if (k.suspectHop() > 0) {
        skew.put("suspectHop", k.suspectHop());
      } else {
        skew.putNull("suspectHop");
      }
      skew.put("ahead", k.ahead());
    } else {
      o.putNull("clockSkew");
    }
    switch (r.tls()) {
      case YES -> o.put("tls", true);
      case NO -> o.put("tls", false);
      case UNKNOWN -> o.putNull("tls");
    }
    o.put("tlsVersion", r.tlsVersion());
    o.put("tlsCipher", r.tlsCipher());
    o.put("tlsBits", r.tlsBits());
    o.put("internal", h.internal());
    o.put("boundary", h.boundary().id());
    o.put("origin", h.index() == originHop);
    o.put("raw", r.raw());
    return o;
  }

  /** Where the message entered the receiver's systems, and why that hop. */
  static ObjectNode origin(ReceivedChain c) {
    ObjectNode o = Json.object();
    if (c.origin().isPresent()) {
      Hop h = c.origin().get();
      o.put("hop", h.index());
      o.put("ip", h.received().ip());
      o.put("reason", h.boundary().id());
      o.put("authenticated", h.received().authenticated());
    } else {
      o.putNull("hop");
      o.putNull("ip");
      o.put(
          "reason",
          c.hops().stream().anyMatch(x -> x.boundary() == Hop.Boundary.BOUNDARY_WITHOUT_ADDRESS)
              ? Hop.Boundary.BOUNDARY_WITHOUT_ADDRESS.id()
              : "none");
      o.put("authenticated", false);
    }
    ArrayNode orgs = o.putArray("receiverOrganisations");
    c.receiverOrganisations().forEach(orgs::add);
    return o;
  }

  /** Milliseconds as seconds: whole numbers when whole (60), else to the millisecond (-0.028). */
  static void putSeconds(ObjectNode o, String field, long millis) {
    if (millis % 1000 == 0) {
      o.put(field, millis / 1000);
    } else {
      o.put(field, millis / 1000.0);
    }
  }
}
