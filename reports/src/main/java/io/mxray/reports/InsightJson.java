package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.insight.DmarcInsight;
import io.mxray.core.insight.TlsInsight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code dmarc-insight} document (docs/schema/feedback.schema.json#/$defs/insight): a domain's
 * DMARC readiness and TLS report failures over a period, checked against its DNS now.
 */
public final class InsightJson {

  private InsightJson() {}

  static double round(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : round(100.0 * part / whole);
  }

  public static ObjectNode of(DmarcInsight d, TlsInsight t) {
    ObjectNode n = Json.document("dmarc-insight");
    n.put("domain", d.domain());
    n.put("from", d.from().toString());
    n.put("to", d.to().toString());
    List<Finding> all = new ArrayList<>(d.findings());
    all.addAll(t.findings());
    n.put("severity", Severity.worstOf(all.stream().map(Finding::severity).toList()).id());
    n.put("verdict", d.verdict().id());
    ObjectNode m = n.putObject("dmarc");
    m.put("reports", d.reports());
    ArrayNode rep = m.putArray("reporters");
    d.reporters().forEach(rep::add);
    m.put("messages", d.messages());
    m.put("dmarcPass", d.dmarcPass());
    m.put("spfAlignedPass", d.spfAlignedPass());
    m.put("dkimAlignedPass", d.dkimAlignedPass());
    ObjectNode rates = m.putObject("rates");
    rates.put("dmarc", rate(d.dmarcPass(), d.messages()));
    rates.put("spf", rate(d.spfAlignedPass(), d.messages()));
    rates.put("dkim", rate(d.dkimAlignedPass(), d.messages()));
    m.put("policyRecord", d.policyRecord());
    m.put("currentPolicy", d.currentPolicy());
    m.put("nextStep", d.nextStep());
    ArrayNode blocking = m.putArray("blocking");
    d.blocking().forEach(blocking::add);
    ArrayNode sources = m.putArray("sources");
    for (DmarcInsight.Source s : d.sources()) {
      ObjectNode o = sources.addObject();
      o.put("ip", s.ip());
      o.put("ptr", s.ptr());
      o.put("messages", s.messages());
      o.put("share", round(s.share()));
      o.put("dmarcPass", s.dmarcPass());
      o.put("spfAlignedPass", s.spfAlignedPass());
      o.put("dkimAlignedPass", s.dkimAlignedPass());
      o.put("category", s.category().id());
      strings(o, "headerFrom", s.headerFrom());
      strings(o, "envelopeFrom", s.envelopeFrom());
      strings(o, "dkim", s.dkimDomains());
      strings(o, "spf", s.spfDomains());
      strings(o, "reasons", s.reasons());
      o.put("checkedNow", s.checkedNow());
      o.put("spfNow", s.spfNow());
      o.put("spfNowMatch", s.spfNowMatch());
      strings(o, "dkimKeysNow", s.dkimKeysNow());
      o.put("fix", s.fix());
      o.put("proposedSpf", s.proposedSpf());
      o.put("proposedSpfPasses", s.proposedSpfPasses());
    }
    ArrayNode steps = m.putArray("steps");
    for (DmarcInsight.PolicyStep p : d.steps()) {
      steps
          .addObject()
          .put("policy", p.policy())
          .put("action", p.action())
          .put("affected", p.affected())
          .put("affectedWanted", p.affectedWanted())
          .put("share", round(p.share()));
    }
    ArrayNode days = m.putArray("days");
    for (DmarcInsight.Day day : d.days()) {
      days.addObject()
          .put("day", day.day().toString())
          .put("pass", day.pass())
          .put("fail", day.fail());
    }
    ObjectNode tls = n.putObject("tls");
    tls.put("reports", t.reports());
    ArrayNode trep = tls.putArray("reporters");
    t.reporters().forEach(trep::add);
    tls.put("successfulSessions", t.successfulSessions());
    tls.put("failedSessions", t.failedSessions());
    tls.put("audited", t.audited());
    ArrayNode rows = tls.putArray("failures");
    for (TlsInsight.Row r : t.rows()) {
      ObjectNode o = rows.addObject();
      o.put("policyType", r.policyType());
      o.put("mx", r.mx());
      o.put("resultType", r.resultType());
      o.put("sessions", r.sessions());
      strings(o, "sendingIps", r.sendingIps());
      o.put("check", r.check());
      o.put("live", r.live().id());
      strings(o, "liveFindings", r.liveFindings());
    }
    n.set("findings", Json.findings(all));
    return n;
  }

  private static void strings(ObjectNode o, String name, List<String> values) {
    ArrayNode a = o.putArray(name);
    values.forEach(a::add);
  }

  /** Terminal text: verdict, rates, the sources table, steps, TLS failures, findings. */
  public static String text(DmarcInsight d, TlsInsight t, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold(Ansi.clean(d.domain())))
        .append("  ")
        .append(d.from())
        .append(" – ")
        .append(d.to())
        .append('\n');
    out.append("  verdict: ")
        .append(d.verdict().id())
        .append(d.nextStep().isEmpty() ? "" : " (next step " + d.nextStep() + ")")
        .append("   policy now: ")
        .append(d.currentPolicy().isEmpty() ? "none published" : d.currentPolicy())
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  %d report(s), %d message(s): DMARC pass %.1f %%, aligned SPF %.1f %%, aligned DKIM %.1f %%%n",
            d.reports(),
            d.messages(),
            rate(d.dmarcPass(), d.messages()),
            rate(d.spfAlignedPass(), d.messages()),
            rate(d.dkimAlignedPass(), d.messages())));
    if (!d.sources().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-39s %-32s %8s %6s  %s%n",
              "source",
              "reverse DNS",
              "messages",
              "share",
              "category"));
      for (DmarcInsight.Source s : d.sources()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-39s %-32s %8d %5.1f%%  %s%n",
                Ansi.clean(s.ip()),
                Ansi.clean(s.ptr()),
                s.messages(),
                s.share(),
                s.category().id()));
      }
      out.append("  policy steps:");
      for (DmarcInsight.PolicyStep p : d.steps()) {
        out.append("  ").append(p.policy()).append(" → ").append(p.affected()).append(" affected");
      }
      out.append('\n');
    }
    if (t.reports() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "  TLS: %d report(s), %d successful, %d failed session(s)%n",
              t.reports(),
              t.successfulSessions(),
              t.failedSessions()));
    }
    List<Finding> all = new ArrayList<>(d.findings());
    all.addAll(t.findings());
    TextFindings.append(out, all, ansi);
    return out.toString();
  }
}
