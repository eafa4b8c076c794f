package io.mxray.reports;

import io.mxray.core.arc.ArcResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.Antispam;
import io.mxray.core.headers.ChecklistItem;
import io.mxray.core.headers.Hop;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.headers.Received;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal rendering of a message analysis: hop table first, then authentication, checklist,
 * findings.
 */
public final class HeadersText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HeadersText() {}

  public static String of(MessageAnalysis a, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    Severity worst = a.worst();
    out.append(ansi.bold("mxray headers"))
        .append(" — ")
        .append(ansi.severity(worst, TextFindings.label(worst)))
        .append(
            String.format(
                Locale.ROOT,
                "  (%d header fields, %d hops%s)%n",
                a.message().fields().size(),
                a.chain().hops().size(),
                a.chain().totalDelayMillis().isPresent()
                    ? ", total delay "
                        + MessageAnalyzer.human(a.chain().totalDelayMillis().getAsLong())
                    : ""));
    String subject = a.message().value("Subject");
    if (!subject.isEmpty()) {
      out.append("  Subject: ").append(Ansi.clean(clip(subject, 100))).append('\n');
    }
    if (!a.identity().fromAddresses().isEmpty()) {
      out.append("  From:    ")
          .append(Ansi.clean(clip(a.message().value("From"), 100)))
          .append('\n');
    }
    out.append('\n');
    hopTable(out, a, ansi);
    out.append('\n');
    authentication(out, a, ansi);
    if (!a.antispam().isEmpty()) {
      out.append('\n').append(ansi.bold("Spam filter verdicts")).append('\n');
      for (Antispam.Report r : a.antispam()) {
        out.append("  ")
            .append(Ansi.clean(r.header()))
            .append(r.spam() ? "  " + ansi.severity(Severity.WARN, "SPAM") : "")
            .append('\n');
        for (Antispam.Entry e : r.entries()) {
          if (!e.meaning().isEmpty()) {
            out.append("    ")
                .append(Ansi.clean(e.key()))
                .append(':')
                .append(Ansi.clean(clip(e.value(), 40)))
                .append("  ")
                .append(ansi.dim(e.meaning()))
                .append('\n');
          }
        }
      }
    }
    if (!a.checklist().isEmpty()) {
      out.append('\n')
          .append(ansi.bold("Bulk-sender requirements (Gmail/Yahoo 2024, Microsoft 2025)"))
          .append('\n');
      for (ChecklistItem i : a.checklist()) {
        Severity s =
            switch (i.status()) {
              case PASS -> Severity.PASS;
              case FAIL -> Severity.FAIL;
              case UNKNOWN -> Severity.INCONCLUSIVE;
            };
        String label = String.format(Locale.ROOT, "%-8s", i.status().id().toUpperCase(Locale.ROOT));
        out.append("  ")
            .append(ansi.severity(s, label))
            .append(String.format(Locale.ROOT, "%-45s ", i.title()))
            .append(ansi.dim(Ansi.clean(clip(i.detail(), 90))))
            .append('\n');
      }
    }
    out.append('\n').append(ansi.bold("Findings")).append('\n');
    TextFindings.append(out, a.findings(), ansi);
    return out.toString();
  }

  private static void hopTable(StringBuilder out, MessageAnalysis a, Ansi ansi) {
    if (a.chain().hops().isEmpty()) {
      out.append("  (no Received headers)\n");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "Delay", "From", "By", "With", "TLS", "Time (UTC)"});
    for (Hop h : a.chain().hops()) {
      Received r = h.received();
      String from = r.helo();
      if (!r.rdns().isEmpty() && !r.rdns().equalsIgnoreCase(r.helo())) {
        from = from.isEmpty() ? r.rdns() : from + " (" + r.rdns() + ")";
      }
      if (!r.ip().isEmpty()) {
        from = (from.isEmpty() ? "" : from + " ") + "[" + r.ip() + "]";
      }
      if (from.isEmpty()) {
        from = r.from().isEmpty() ? "-" : r.from();
      }
      String marker = h.index() == a.chain().originHop() ? "*" : "";
      rows.add(
          new String[] {
            h.index() + marker,
            h.delayMillis().isPresent() ? delay(h.delayMillis().getAsLong()) : "",
            clip(from, 64),
            clip(r.byHost().isEmpty() ? r.by() : r.byHost(), 40),
            clip(r.protocol(), 12),
            switch (r.tls()) {
              case YES -> r.tlsVersion().isEmpty() ? "yes" : r.tlsVersion();
              case NO -> "no";
              case UNKNOWN -> "?";
            },
            r.date()
                .map(TIME::format)
                .orElse(r.dateText().isEmpty() ? "-" : "? " + clip(r.dateText(), 25))
          });
    }
    int[] w = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], Ansi.clean(row[i]).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < w.length; i++) {
        String cell = Ansi.clean(rows.get(r)[i]);
        String padded =
            i == 1
                ? " ".repeat(w[i] - cell.length()) + cell
                : cell + " ".repeat(w[i] - cell.length());
        line.append(padded).append(i + 1 < w.length ? "  " : "");
      }
      String text = line.toString().stripTrailing();
      out.append(r == 0 ? ansi.bold(text) : text).append('\n');
    }
    if (a.chain().originIp().isPresent()) {
      out.append(
              ansi.dim(
                  "  * origin: "
                      + a.chain().originIp().get()
                      + " handed the message to the receiving side"))
          .append('\n');
    }
  }

  private static String delay(long ms) {
    if (Math.abs(ms) < 1000) {
      return ms == 0 ? "0s" : String.format(Locale.ROOT, "%.3fs", ms / 1000.0);
    }
    long s = ms / 1000;
    long abs = Math.abs(s);
    String sign = s < 0 ? "-" : "";
    if (abs < 60) {
      return sign + abs + "s";
    }
    if (abs < 3600) {
      return sign
          + (abs / 60)
          + "m"
          + (abs % 60 == 0 ? "" : String.format(Locale.ROOT, "%02ds", abs % 60));
    }
    return sign + (abs / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (abs % 3600) / 60);
  }

  private static void authentication(StringBuilder out, MessageAnalysis a, Ansi ansi) {
    out.append(ansi.bold("Authentication")).append('\n');
    if (a.dkim().signatures().isEmpty()) {
      out.append("  DKIM   none (no DKIM-Signature)\n");
    }
    for (DkimSignatureVerification v : a.dkim().signatures()) {
      out.append("  DKIM   ")
          .append(result(v.result().id(), a.dkim().evaluated(), ansi))
          .append("  d=")
          .append(Ansi.clean(v.domain()))
          .append(" s=")
          .append(Ansi.clean(v.selector()))
          .append(v.algorithm().isEmpty() ? "" : " a=" + v.algorithm())
          .append(v.reason().isEmpty() ? "" : "  " + ansi.dim("(" + Ansi.clean(v.reason()) + ")"))
          .append('\n');
    }
    var spf = a.spf();
    out.append("  SPF    ")
        .append(result(spf.verdict().result(), spf.verdict().evaluated(), ansi))
        .append(spf.ip().isEmpty() ? "" : "  ip=" + spf.ip())
        .append(spf.mailFrom().isEmpty() ? "" : "  mailfrom=" + Ansi.clean(spf.mailFrom()))
        .append(spf.receiverResult().isEmpty() ? "" : "  receiver said " + spf.receiverResult())
        .append(
            spf.verdict().evaluated()
                ? ""
                : "  " + ansi.dim("(" + Ansi.clean(spf.verdict().reason()) + ")"))
        .append('\n');
    var d = a.dmarc();
    out.append("  DMARC  ")
        .append(result(d.result(), d.evaluated(), ansi))
        .append(d.fromDomain().isEmpty() ? "" : "  from=" + Ansi.clean(d.fromDomain()))
        .append("  dkim-aligned=")
        .append(d.dkimAligned() ? "yes" : "no")
        .append(" spf-aligned=")
        .append(d.spfAligned() ? "yes" : "no")
        .append(d.receiverResult().isEmpty() ? "" : "  receiver said " + d.receiverResult())
        .append(
            d.evaluated() || d.reason().isEmpty()
                ? ""
                : "  " + ansi.dim("(" + Ansi.clean(d.reason()) + ")"))
        .append('\n');
    ArcResult arc = a.arc().result();
    out.append("  ARC    ")
        .append(result(a.arc().evaluated() ? arc.status().id() : "none", a.arc().evaluated(), ansi))
        .append(arc.instances() > 0 ? "  " + arc.instances() + " set(s)" : "")
        .append(arc.reason().isEmpty() ? "" : "  " + ansi.dim("(" + Ansi.clean(arc.reason()) + ")"))
        .append(
            a.arc().receiverResult().isEmpty() ? "" : "  receiver said " + a.arc().receiverResult())
        .append('\n');
    for (ArcResult.ArcSetInfo s : arc.sets()) {
      out.append("         i=")
          .append(s.instance())
          .append(" ")
          .append(Ansi.clean(s.sealDomain()))
          .append(" cv=")
          .append(Ansi.clean(s.cv()))
          .append("  ")
          .append(ansi.dim(Ansi.clean(s.authservId() + ": " + s.authResults())))
          .append('\n');
    }
  }

  private static String result(String r, boolean evaluated, Ansi ansi) {
    if (!evaluated) {
      return ansi.dim(String.format(Locale.ROOT, "%-9s", "not run"));
    }
    Severity s =
        switch (r) {
          case "pass" -> Severity.PASS;
          case "fail", "softfail", "permerror" -> Severity.FAIL;
          case "temperror" -> Severity.INCONCLUSIVE;
          case "neutral", "none" -> Severity.INFO;
          default -> Severity.WARN;
        };
    return ansi.severity(s, String.format(Locale.ROOT, "%-9s", r));
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max - 1) + "…" : s;
  }
}
