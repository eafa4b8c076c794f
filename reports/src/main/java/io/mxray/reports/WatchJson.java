package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.finding.Severity;
import io.mxray.core.watch.AuditDiff;
import io.mxray.core.watch.AuditSnapshot;
import io.mxray.core.watch.StoredAudit;
import io.mxray.core.watch.WatchEntry;
import java.util.List;

/**
 * JSON documents of the monitor (docs/batch.md, docs/schema/watch.schema.json): the watch list, one
 * added entry, a domain's history, and the diff that webhooks receive and {@code
 * /api/v1/watch/{domain}/diff} returns. Secrets are never written.
 */
public final class WatchJson {

  private WatchJson() {}

  public static ObjectNode entry(WatchEntry e) {
    ObjectNode n = Json.object();
    n.put("domain", e.domain());
    n.put("everySeconds", e.every().getSeconds());
    n.put("webhook", e.webhook());
    n.put("signed", !e.secret().isEmpty());
    n.put("addedAt", e.addedAt().toString());
    n.put("nextRunAt", e.nextRunAt().toString());
    return n;
  }

  /** One entry as a document of its own: the answer to {@code POST /api/v1/watch}. */
  public static ObjectNode added(WatchEntry e) {
    ObjectNode n = Json.document("watch-entry");
    n.setAll(entry(e));
    return n;
  }

  public static ObjectNode list(List<WatchEntry> entries) {
    ObjectNode n = Json.document("watch-list");
    ArrayNode a = n.putArray("watches");
    entries.forEach(e -> a.add(entry(e)));
    return n;
  }

  public static ObjectNode history(String domain, List<StoredAudit> audits) {
    ObjectNode n = Json.document("watch-history");
    n.put("domain", domain);
    ArrayNode a = n.putArray("audits");
    for (StoredAudit s : audits) {
      AuditSnapshot snap = s.snapshot();
      ObjectNode o = a.addObject();
      o.put("id", s.id());
      o.put("auditedAt", snap.auditedAt().toString());
      o.put("severity", snap.severity().id());
      ObjectNode counts = o.putObject("findings");
      for (Severity sev : Severity.values()) {
        counts.put(sev.id(), snap.count(sev));
      }
      ObjectNode rec = o.putObject("records");
      snap.records().forEach(rec::put);
    }
    return n;
  }

  public static ObjectNode diff(AuditDiff d) {
    ObjectNode n = Json.document("watch-diff");
    n.put("domain", d.domain());
    n.put("fromId", d.fromId());
    n.put("toId", d.toId());
    n.put("fromAt", d.fromAt().toString());
    n.put("toAt", d.toAt().toString());
    n.put("severityFrom", d.severityFrom().id());
    n.put("severityTo", d.severityTo().id());
    n.put("changed", d.hasChanges());
    ArrayNode added = n.putArray("added");
    d.added()
        .forEach(
            f ->
                added
                    .addObject()
                    .put("code", f.code())
                    .put("severity", f.severity().id())
                    .put("subject", f.subject()));
    ArrayNode resolved = n.putArray("resolved");
    d.resolved()
        .forEach(
            f ->
                resolved
                    .addObject()
                    .put("code", f.code())
                    .put("severity", f.severity().id())
                    .put("subject", f.subject()));
    ArrayNode changed = n.putArray("severityChanges");
    d.changed()
        .forEach(
            c ->
                changed
                    .addObject()
                    .put("code", c.code())
                    .put("subject", c.subject())
                    .put("from", c.from().id())
                    .put("to", c.to().id()));
    ArrayNode records = n.putArray("records");
    d.records()
        .forEach(
            r ->
                records
                    .addObject()
                    .put("record", r.record())
                    .put("from", r.from())
                    .put("to", r.to()));
    ArrayNode exp = n.putArray("certificatesExpiring");
    d.expiring()
        .forEach(
            x ->
                exp.addObject()
                    .put("host", x.host())
                    .put("notAfter", x.notAfter().toString())
                    .put("daysLeft", x.daysLeft()));
    return n;
  }
}
