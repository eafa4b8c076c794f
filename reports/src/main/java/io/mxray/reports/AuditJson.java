package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsQuery;

/** The JSON document of a domain audit (docs/json.md, docs/schema/audit.schema.json). */
public final class AuditJson {

  private AuditJson() {}

  public static ObjectNode of(AuditReport r) {
    return of(r, false);
  }

  /**
   * @param factsAsValues put each check's facts in as plain values, serialized when the document is
   *     written, instead of converting them to a tree first (half the work, for documents that are
   *     only written)
   */
  private static ObjectNode of(AuditReport r, boolean factsAsValues) {
    ObjectNode n = Json.document("audit");
    n.put("domain", r.domain());
    n.put("severity", r.severity().id());
    n.put("startedAt", r.startedAt().toString());
    n.put("durationMs", r.durationMs());
    ArrayNode checks = n.putArray("checks");
    for (CheckResult c : r.checks()) {
      checks.add(check(c, factsAsValues));
    }
    ArrayNode queries = n.putArray("dnsQueries");
    for (DnsQuery q : r.dnsQueries()) {
      ObjectNode qn = queries.addObject();
      qn.put("name", q.name());
      qn.put("type", q.type());
      qn.put("status", q.status().name());
      qn.put("ms", q.millis());
      qn.put("answers", q.answers());
      if (!q.server().isEmpty()) {
        qn.put("server", q.server());
      }
    }
    return n;
  }

  /**
   * The document as one JSONL line with its newline, as {@code mxray batch --format jsonl} writes
   * it.
   */
  public static String line(AuditReport r) {
    return Json.compact(of(r, true)) + "\n";
  }

  public static ObjectNode check(CheckResult c) {
    return check(c, false);
  }

  private static ObjectNode check(CheckResult c, boolean factsAsValues) {
    ObjectNode n = Json.object();
    n.put("id", c.id().value());
    n.put("title", c.title());
    n.put("severity", c.severity().id());
    n.put("durationMs", c.durationMs());
    n.set("findings", Json.findings(c.findingsWorstFirst()));
    if (factsAsValues) {
      n.putPOJO("facts", c.facts());
    } else {
      n.set("facts", Json.tree(c.facts()));
    }
    return n;
  }
}
