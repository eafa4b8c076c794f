package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.BounceRule;
import io.mxray.core.bounce.BounceRules;
import io.mxray.core.bounce.SmtpReply;
import io.mxray.core.finding.FindingCode;

/**
 * JSON of {@code mxray explain} and {@code GET /api/v1/explain} (docs/schema/explain.schema.json):
 * a reply line or status code ({@code "type": "reply"}) or a finding code of the catalogue ({@code
 * "type": "finding-code"}).
 */
public final class ExplainJson {

  private ExplainJson() {}

  /**
   * A reply code, enhanced status or reply line: the input, what the registries say, and the
   * classification.
   */
  public static ObjectNode reply(String input, BounceReport r) {
    ObjectNode n = Json.document("reply");
    n.put("input", input);
    SmtpReply reply = SmtpReply.parse(input);
    n.put("protocol", reply.protocol());
    ObjectNode codes = n.putObject("codes");
    reply
        .meaning()
        .ifPresent(
            m -> {
              ObjectNode c = codes.putObject("reply");
              c.put("code", m.code());
              c.put("meaning", m.meaning());
              c.put("source", m.source());
            });
    reply
        .status()
        .ifPresent(
            s -> {
              ObjectNode c = codes.putObject("status");
              c.put("code", s.toString());
              s.entry()
                  .ifPresent(
                      e -> {
                        c.put("title", e.title());
                        c.put("meaning", e.meaning());
                        c.put("source", e.source());
                      });
              s.classEntry().ifPresent(e -> c.put("class", e.title()));
              s.subjectEntry().ifPresent(e -> c.put("subject", e.title()));
              ArrayNode vendors = Json.mapper().createArrayNode();
              for (BounceRule v : BounceRules.defaults().vendorMeanings(s.toString())) {
                ObjectNode o = vendors.addObject();
                o.put("rule", v.qualifiedId());
                o.put("meaning", v.meaning());
                o.put("source", v.source());
              }
              if (!vendors.isEmpty()) {
                c.set("vendorMeanings", vendors);
              }
            });
    ArrayNode rs = n.putArray("recipients");
    r.recipients().forEach(e -> rs.add(BounceJson.recipient(e)));
    n.set("findings", Json.findings(r.findings()));
    return n;
  }

  /**
   * A finding code of the catalogue ({@code mx.null}): its catalogue entry, as in {@code mxray
   * codes}.
   */
  public static ObjectNode code(FindingCode c) {
    ObjectNode n = Json.document("finding-code");
    n.setAll(Json.code(c));
    return n;
  }
}
