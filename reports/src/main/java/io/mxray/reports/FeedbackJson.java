package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.feedback.FailureReport;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.TlsReport;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of feedback reports (docs/schema/feedback.schema.json): one per report, with
 * {@code type} {@code dmarc-aggregate}, {@code dmarc-failure} or {@code tlsrpt}, and the {@code
 * feedback-reports} list of {@code mxray report} and {@code POST /api/v1/reports}.
 */
public final class FeedbackJson {

  private FeedbackJson() {}

  /** One report's document; {@code source} names the input ("" to leave it out). */
  public static ObjectNode of(FeedbackReport r, String source) {
    if (r instanceof AggregateReport a) {
      return aggregate(a, source);
    }
    if (r instanceof FailureReport f) {
      return failure(f, source);
    }
    return tls((TlsReport) r, source);
  }

  private static ObjectNode head(FeedbackReport r, String source) {
    ObjectNode n = Json.document(r.kind().id());
    if (!source.isEmpty()) {
      n.put("source", source);
    }
    n.put("orgName", r.orgName());
    n.put("reportId", r.reportId());
    n.put("policyDomain", r.policyDomain());
    ObjectNode range = n.putObject("dateRange");
    range.put("begin", r.dateRange().begin().toString());
    range.put("end", r.dateRange().end().toString());
    return n;
  }

  static ObjectNode aggregate(AggregateReport a, String source) {
    ObjectNode n = head(a, source);
    n.put("schema", a.schema());
    n.put("version", a.version());
    n.put("email", a.email());
    n.put("extraContactInfo", a.extraContactInfo());
    n.put("generator", a.generator());
    ArrayNode errors = n.putArray("errors");
    a.errors().forEach(errors::add);
    ObjectNode p = n.putObject("policyPublished");
    var pp = a.policy();
    p.put("domain", pp.domain());
    p.put("discoveryMethod", pp.discoveryMethod());
    p.put("adkim", pp.adkim());
    p.put("aspf", pp.aspf());
    p.put("p", pp.p());
    p.put("sp", pp.sp());
    p.put("np", pp.np());
    if (pp.pct().isPresent()) {
      p.put("pct", pp.pct().getAsInt());
    } else {
      p.putNull("pct");
    }
    p.put("fo", pp.fo());
    p.put("testing", pp.testing());
    n.put("messages", a.messages());
    n.put(
        "dmarcPassMessages",
        a.records().stream().filter(Row::dmarcPass).mapToLong(Row::count).sum());
    ArrayNode rows = n.putArray("records");
    for (Row r : a.records()) {
      ObjectNode o = rows.addObject();
      o.put("sourceIp", r.sourceIp());
      o.put("count", r.count());
      o.put("disposition", r.disposition());
      o.put("headerFrom", r.headerFrom());
      o.put("envelopeFrom", r.envelopeFrom());
      o.put("envelopeTo", r.envelopeTo());
      o.put("dkim", r.dkimAligned());
      o.put("spf", r.spfAligned());
      o.put("dmarc", r.dmarcPass() ? "pass" : "fail");
      ArrayNode reasons = o.putArray("reasons");
      r.reasons()
          .forEach(x -> reasons.addObject().put("type", x.type()).put("comment", x.comment()));
      ObjectNode auth = o.putObject("authResults");
      ArrayNode dk = auth.putArray("dkim");
      r.dkim()
          .forEach(
              d ->
                  dk.addObject()
                      .put("domain", d.domain())
                      .put("selector", d.selector())
                      .put("result", d.result())
                      .put("humanResult", d.humanResult()));
      ArrayNode sp = auth.putArray("spf");
      r.spf()
          .forEach(
              s ->
                  sp.addObject()
                      .put("domain", s.domain())
                      .put("scope", s.scope())
                      .put("result", s.result())
                      .put("humanResult", s.humanResult()));
    }
    n.set("findings", Json.findings(a.findings()));
    return n;
  }

  static ObjectNode failure(FailureReport f, String source) {
    ObjectNode n = head(f, source);
    n.put("arf", f.arf());
    n.put("feedbackType", f.feedbackType());
    n.put("userAgent", f.userAgent());
    n.put("sourceIp", f.sourceIp());
    n.put("reportedDomain", f.reportedDomain());
    n.put("originalMailFrom", f.originalMailFrom());
    n.put("originalRcptTo", f.originalRcptTo());
    n.put("authFailure", f.authFailure());
    n.put("deliveryResult", f.deliveryResult());
    n.put("identityAlignment", f.identityAlignment());
    n.put("dkimDomain", f.dkimDomain());
    n.put("dkimSelector", f.dkimSelector());
    n.put("spfDns", f.spfDns());
    ArrayNode ar = n.putArray("authenticationResults");
    f.authenticationResults().forEach(ar::add);
    n.put("headerFrom", f.headerFrom());
    n.put("subject", f.subject());
    n.put("messageId", f.messageId());
    n.put("originalHeaders", f.originalHeaders());
    n.set("findings", Json.findings(f.findings()));
    return n;
  }

  static ObjectNode tls(TlsReport t, String source) {
    ObjectNode n = head(t, source);
    n.put("contactInfo", t.contactInfo());
    n.put("successfulSessions", t.successfulSessions());
    n.put("failedSessions", t.failedSessions());
    ArrayNode ps = n.putArray("policies");
    for (TlsReport.Policy p : t.policies()) {
      ObjectNode o = ps.addObject();
      o.put("policyType", p.type());
      o.put("policyDomain", p.domain());
      ArrayNode strings = o.putArray("policyStrings");
      p.strings().forEach(strings::add);
      ArrayNode mx = o.putArray("mxHosts");
      p.mxHosts().forEach(mx::add);
      o.put("successfulSessions", p.successful());
      o.put("failedSessions", p.failed());
      ArrayNode fs = o.putArray("failures");
      for (TlsReport.Failure f : p.failures()) {
        fs.addObject()
            .put("resultType", f.resultType())
            .put("sendingMtaIp", f.sendingMtaIp())
            .put("receivingMxHostname", f.receivingMxHostname())
            .put("receivingMxHelo", f.receivingMxHelo())
            .put("receivingIp", f.receivingIp())
            .put("failedSessions", f.sessions())
            .put("additionalInformation", f.additionalInformation())
            .put("failureReasonCode", f.failureReasonCode());
      }
    }
    n.set("findings", Json.findings(t.findings()));
    return n;
  }

  /** Where a report was stored: its id, and whether it was a duplicate of one stored before. */
  public record Stored(long id, boolean duplicate) {}

  /**
   * The {@code feedback-reports} document: every report of every input, and each input's own
   * findings. {@code stored} maps a report to where an import put it (empty when not importing).
   */
  public static ObjectNode list(
      List<FeedbackReader.Outcome> outcomes, Map<FeedbackReport, Stored> stored) {
    ObjectNode n = Json.document("feedback-reports");
    java.util.List<io.mxray.core.finding.Severity> sev = new java.util.ArrayList<>();
    ArrayNode reports = n.putArray("reports");
    ArrayNode inputs = n.putArray("inputs");
    for (FeedbackReader.Outcome o : outcomes) {
      sev.add(o.severity());
      for (FeedbackReport r : o.reports()) {
        ObjectNode d = of(r, o.source());
        Stored s = stored.get(r);
        if (s != null) {
          d.putObject("stored").put("id", s.id()).put("duplicate", s.duplicate());
        }
        reports.add(d);
      }
      ObjectNode in = inputs.addObject();
      in.put("source", o.source());
      in.put("severity", o.severity().id());
      in.put("reports", o.reports().size());
      in.set("findings", Json.findings(o.findings()));
    }
    n.put("severity", io.mxray.core.finding.Severity.worstOf(sev).id());
    return n;
  }

  /** The {@code feedback-stored} document: summaries of stored reports. */
  public static ObjectNode stored(String domain, List<io.mxray.core.feedback.StoredReport> list) {
    ObjectNode n = Json.document("feedback-stored");
    if (!domain.isEmpty()) {
      n.put("domain", domain);
    }
    ArrayNode a = n.putArray("reports");
    for (io.mxray.core.feedback.StoredReport r : list) {
      ObjectNode o = a.addObject();
      o.put("id", r.id());
      o.put("type", r.kind().id());
      o.put("orgName", r.orgName());
      o.put("reportId", r.reportId());
      o.put("policyDomain", r.policyDomain());
      ObjectNode range = o.putObject("dateRange");
      range.put("begin", r.dateRange().begin().toString());
      range.put("end", r.dateRange().end().toString());
      o.put("receivedAt", r.receivedAt().toString());
      o.put("messages", r.messages());
    }
    return n;
  }

  /** The body of a {@code report.new-failing-source} webhook. */
  public static ObjectNode alert(io.mxray.core.feedback.FeedbackIngest.Alert a) {
    ObjectNode n = Json.document("report-alert");
    n.put("event", "new-failing-source");
    n.put("domain", a.domain());
    n.put("sourceIp", a.ip());
    n.put("messages", a.messages());
    n.put("orgName", a.orgName());
    n.put("reportId", a.reportId());
    n.put("at", a.at().toString());
    return n;
  }
}
