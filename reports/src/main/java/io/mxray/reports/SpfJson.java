package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfRequest;
import io.mxray.core.spf.SpfTraceNode;
import io.mxray.core.spf.SpfTraceStep;
import java.util.List;

/**
 * JSON for {@code mxray spf} and {@code GET /api/v1/spf} (docs/spf.md,
 * docs/schema/spf.schema.json): the record audit with its lookup tree ({@code "type":
 * "spf-audit"}), or a check_host() evaluation ({@code "spf-evaluation"}).
 */
public final class SpfJson {

  private SpfJson() {}

  /** The audit of a domain's record: record, lookup counts, tree, findings. */
  public static ObjectNode audit(String domain, CheckResult r) {
    ObjectNode n = Json.document("spf-audit");
    n.put("domain", domain);
    n.put("severity", r.severity().id());
    n.set("record", Json.tree(r.facts().get("record")));
    n.set("lookups", Json.tree(r.facts().get("lookups")));
    n.set("voidLookups", Json.tree(r.facts().get("voidLookups")));
    n.set("tree", Json.tree(r.facts().get("tree")));
    n.set("findings", Json.findings(r.findingsWorstFirst()));
    return n;
  }

  /**
   * A check_host() evaluation. Top-level keys besides schemaVersion and type: ip, domain, sender,
   * helo, result (lower-case RFC name), mechanism (or null), explanation (or null), lookups,
   * voidLookups, reason, trace, findings.
   */
  public static ObjectNode evaluation(SpfRequest req, SpfEvaluation e, List<Finding> findings) {
    ObjectNode n = Json.document("spf-evaluation");
    n.put("ip", Addresses.toText(req.ip()));
    n.put("domain", req.domain());
    n.put("sender", req.sender());
    n.put("helo", req.helo());
    n.put("result", e.result().id());
    n.put("mechanism", e.mechanism().orElse(null));
    n.put("explanation", e.explanation().orElse(null));
    n.put("lookups", e.lookups());
    n.put("voidLookups", e.voidLookups());
    n.put("reason", e.reason());
    n.set("trace", node(e.trace()));
    n.set("findings", Json.findings(findings));
    return n;
  }

  static ObjectNode node(SpfTraceNode t) {
    ObjectNode n = Json.object();
    n.put("domain", t.domain());
    n.put("via", t.via());
    n.put("record", t.record());
    n.put("result", t.result().id());
    n.put("note", t.note());
    ArrayNode q = n.putArray("queries");
    t.queries().forEach(q::add);
    ArrayNode steps = n.putArray("steps");
    for (SpfTraceStep s : t.steps()) {
      ObjectNode sn = steps.addObject();
      sn.put("term", s.term());
      sn.put("target", s.target());
      sn.put("outcome", s.outcome());
      sn.put("lookups", s.lookups());
      sn.put("voidLookups", s.voidLookups());
      ArrayNode sq = sn.putArray("queries");
      s.queries().forEach(sq::add);
      sn.put("note", s.note());
      if (s.child().isPresent()) {
        sn.set("child", node(s.child().get()));
      } else {
        sn.putNull("child");
      }
    }
    return n;
  }
}
