package io.mxray.reports;

import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.feedback.FailureReport;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.TlsReport;
import java.util.Locale;

/** Feedback reports for a terminal: a header, a table of records or policies, the findings. */
public final class FeedbackText {

  private FeedbackText() {}

  /** Every report of one input, then the input's own findings. */
  public static String of(FeedbackReader.Outcome o, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold(Ansi.clean(o.source()))).append('\n');
    for (FeedbackReport r : o.reports()) {
      report(out, r, ansi);
    }
    TextFindings.append(out, o.findings(), ansi);
    return out.toString();
  }

  static void report(StringBuilder out, FeedbackReport r, Ansi ansi) {
    out.append("  ")
        .append(r.kind().id())
        .append(" from ")
        .append(Ansi.clean(r.orgName()))
        .append(" about ")
        .append(Ansi.clean(r.policyDomain()))
        .append(", ")
        .append(r.dateRange().begin())
        .append(" – ")
        .append(r.dateRange().end())
        .append(" (id ")
        .append(Ansi.clean(r.reportId()))
        .append(")\n");
    if (r instanceof AggregateReport a) {
      aggregate(out, a);
    } else if (r instanceof TlsReport t) {
      tls(out, t);
    } else if (r instanceof FailureReport f) {
      failure(out, f);
    }
    TextFindings.append(out, r.findings(), ansi);
  }

  private static void aggregate(StringBuilder out, AggregateReport a) {
    var p = a.policy();
    out.append("  policy: p=")
        .append(p.p())
        .append(p.sp().isEmpty() ? "" : " sp=" + p.sp())
        .append(p.np().isEmpty() ? "" : " np=" + p.np())
        .append(p.pct().isPresent() ? " pct=" + p.pct().getAsInt() : "")
        .append(p.adkim().isEmpty() ? "" : " adkim=" + p.adkim())
        .append(p.aspf().isEmpty() ? "" : " aspf=" + p.aspf())
        .append("   schema: ")
        .append(a.schema())
        .append('\n');
    long pass = a.records().stream().filter(Row::dmarcPass).mapToLong(Row::count).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "  %d message(s), %d pass DMARC (%s)%n",
            a.messages(),
            pass,
            percent(pass, a.messages())));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-39s %7s  %-10s %-4s %-4s %-24s %s%n",
            "source",
            "count",
            "action",
            "dkim",
            "spf",
            "header from",
            "auth results"));
    for (Row r : a.records()) {
      StringBuilder auth = new StringBuilder();
      r.dkim()
          .forEach(
              d ->
                  auth.append("dkim=")
                      .append(d.result())
                      .append(':')
                      .append(d.domain())
                      .append(' '));
      r.spf()
          .forEach(
              s ->
                  auth.append("spf=")
                      .append(s.result())
                      .append(':')
                      .append(s.domain())
                      .append(' '));
      r.reasons().forEach(x -> auth.append("[").append(x.type()).append("] "));
      out.append(
          String.format(
              Locale.ROOT,
              "  %-39s %7d  %-10s %-4s %-4s %-24s %s%n",
              Ansi.clean(r.sourceIp()),
              r.count(),
              r.disposition(),
              r.dkimAligned(),
              r.spfAligned(),
              Ansi.clean(r.headerFrom()),
              Ansi.clean(auth.toString().strip())));
    }
  }

  private static void tls(StringBuilder out, TlsReport t) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %d successful, %d failed session(s)%n",
            t.successfulSessions(),
            t.failedSessions()));
    for (TlsReport.Policy p : t.policies()) {
      out.append("  policy ")
          .append(p.type())
          .append(" ")
          .append(Ansi.clean(p.domain()))
          .append(p.mxHosts().isEmpty() ? "" : " mx " + Ansi.clean(String.join(", ", p.mxHosts())))
          .append(": ")
          .append(p.successful())
          .append(" ok, ")
          .append(p.failed())
          .append(" failed\n");
      for (TlsReport.Failure f : p.failures()) {
        out.append("    ")
            .append(f.resultType())
            .append(" × ")
            .append(f.sessions())
            .append(
                f.receivingMxHostname().isEmpty()
                    ? ""
                    : " at " + Ansi.clean(f.receivingMxHostname()))
            .append(f.receivingIp().isEmpty() ? "" : " [" + Ansi.clean(f.receivingIp()) + "]")
            .append(f.sendingMtaIp().isEmpty() ? "" : " from " + Ansi.clean(f.sendingMtaIp()))
            .append(
                f.failureReasonCode().isEmpty()
                    ? ""
                    : " (" + Ansi.clean(f.failureReasonCode()) + ")")
            .append('\n');
      }
    }
  }

  private static void failure(StringBuilder out, FailureReport f) {
    out.append("  ")
        .append(f.arf() ? "ARF" : "free text")
        .append(": source ")
        .append(Ansi.clean(f.sourceIp()))
        .append(", From domain ")
        .append(Ansi.clean(f.headerFrom()))
        .append(f.authFailure().isEmpty() ? "" : ", failed " + Ansi.clean(f.authFailure()))
        .append(f.deliveryResult().isEmpty() ? "" : ", " + Ansi.clean(f.deliveryResult()))
        .append('\n');
    if (!f.subject().isEmpty()) {
      out.append("  subject: ").append(Ansi.clean(f.subject())).append('\n');
    }
    for (String ar : f.authenticationResults()) {
      out.append("  ").append(Ansi.clean(ar)).append('\n');
    }
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }
}
