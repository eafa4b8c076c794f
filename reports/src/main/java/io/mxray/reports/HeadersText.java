package io.mxray.reports;

import io.mxray.core.arc.ArcResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.Antispam;
import io.mxray.core.headers.ChecklistItem;
import io.mxray.core.headers.Durations;
import io.mxray.core.headers.Hop;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.Received;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
                    ? ", total delay " + Durations.compact(a.chain().totalDelayMillis().getAsLong())
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
    rows.add(new String[] {"#", "Delay", "Share", "From", "By", "With", "TLS", "Time (UTC)"});
    for (Hop h : a.chain().hops()) {
      Received r = h.received();
      String marker = h.index() == a.chain().originHop() ? "*" : h.skew().isPresent() ? "!" : "";
      rows.add(
          new String[] {
            h.index() + marker,
            delay(h),
            h.effectiveDelayMillis().isPresent() && h.sharePercent() >= 0.5
                ? String.format(Locale.ROOT, "%.0f%%", h.sharePercent())
                : "",
            from(r),
            clip(r.byHost().isEmpty() ? r.by() : r.byHost(), 40),
            clip(r.protocol(), 12)
                + (r.authenticated() && !r.protocol().endsWith("A") ? " auth" : ""),
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
            i == 1 || i == 2
                ? " ".repeat(w[i] - cell.length()) + cell
                : cell + " ".repeat(w[i] - cell.length());
        line.append(padded).append(i + 1 < w.length ? "  " : "");
      }
      String text = line.toString().stripTrailing();
      out.append(r == 0 ? ansi.bold(text) : text).append('\n');
    }
    origin(out, a, ansi);
    for (Hop h : a.chain().hops()) {
      if (h.skew().isPresent()) {
        out.append(ansi.dim("  ! hop " + h.index() + ": " + skew(a, h, h.skew().get())))
            .append('\n');
      }
    }
  }

  /**
   * The sending side of a hop: its name (HELO, and the rDNS name when it differs), then the
   * address, which is never cut (IPv6 included).
   */
  static String from(Received r) {
    String name = r.helo();
    if (!r.rdns().isEmpty() && !r.rdns().equalsIgnoreCase(r.helo())) {
      name = name.isEmpty() ? r.rdns() : name + " (" + r.rdns() + ")";
    }
    if (r.ip().isEmpty()) {
      return name.isEmpty() ? (r.from().isEmpty() ? "-" : clip(r.from(), 60)) : clip(name, 60);
    }
    return (name.isEmpty() ? "" : clip(name, 48) + " ") + "[" + r.ip() + "]";
  }

  private static String delay(Hop h) {
    if (h.skew().isPresent()) {
      return "skew";
    }
    return h.effectiveDelayMillis().isPresent()
        ? Durations.compact(h.effectiveDelayMillis().getAsLong())
        : "";
  }

  private static void origin(StringBuilder out, MessageAnalysis a, Ansi ansi) {
    Optional<Hop> o = a.chain().origin();
    if (o.isPresent()) {
      Hop h = o.get();
      String why =
          h.boundary() == Hop.Boundary.ORIGIN_SAME_PROVIDER
              ? "no hop came from outside the receiver, so the first public address"
              : "first public address outside the receiver"
                  + (a.chain().receiverOrganisations().isEmpty()
                      ? ""
                      : " (" + String.join(", ", a.chain().receiverOrganisations()) + ")");
      out.append(
              ansi.dim(
                  "  * origin: hop "
                      + h.index()
                      + ", "
                      + h.received().ip()
                      + (h.received().authenticated() ? ", an authenticated submission" : "")
                      + " — "
                      + Ansi.clean(why)))
          .append('\n');
    } else if (a.chain().hops().stream()
        .anyMatch(h -> h.boundary() == Hop.Boundary.BOUNDARY_WITHOUT_ADDRESS)) {
      out.append(
              ansi.dim(
                  "  origin unknown: an outside host handed the message over without its"
                      + " address being recorded"))
          .append('\n');
    }
  }

  private static String skew(MessageAnalysis a, Hop h, Hop.ClockSkew s) {
    String off = Durations.compact(s.millis());
    String who =
        s.suspectHop() > 0
            ? "the clock of "
                + host(a.chain().hops().get(s.suspectHop() - 1).received())
                + " runs "
                + off
                + (s.ahead() ? " ahead" : " behind")
            : "stamped "
                + off
                + " before hop "
                + (h.index() - 1)
                + "; the header does not tell whose clock is wrong";
    return who
        + (s.kind() == Hop.ClockSkew.Kind.TIME_ZONE
            ? " (whole half-hours: a wrong time-zone offset)"
            : "")
        + "; not counted as delay";
  }

  private static String host(Received r) {
    return r.byHost().isEmpty() ? "an unnamed host" : Ansi.clean(r.byHost());
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
