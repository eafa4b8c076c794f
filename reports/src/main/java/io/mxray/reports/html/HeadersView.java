package io.mxray.reports.html;

import io.mxray.core.arc.ArcResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.Antispam;
import io.mxray.core.headers.ChecklistItem;
import io.mxray.core.headers.Durations;
import io.mxray.core.headers.HeaderGlossary;
import io.mxray.core.headers.Hop;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.headers.MimeStructure;
import io.mxray.core.headers.Received;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The view model of the message-analysis page (template {@code headers.hbs}): the hop table with
 * each hop's share of the delay, the origin and why, clock skew in words, the authentication block,
 * the receivers' own verdicts, spam-filter verdicts, the bulk-sender checklist, findings, and every
 * header with what it is for. Strings, numbers and booleans only, so the template stays logic-free;
 * everything taken from the message is escaped by the template.
 */
public record HeadersView(
    String generator,
    String generatedAt,
    String severity,
    String severityLabel,
    String subject,
    String from,
    String summary,
    List<ReportView.Count> counts,
    List<HopRow> hops,
    String origin,
    List<String> skewNotes,
    List<AuthRow> authentication,
    List<ReceiverRow> receiverResults,
    List<SpamView> antispam,
    List<CheckRow> checklist,
    List<FindingView> findings,
    List<HeaderRow> headers,
    boolean headersTruncated,
    List<MimeRow> mime) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Most header rows shown; the JSON has the same cap. */
  static final int MAX_HEADERS = 1000;

  /**
   * One hop as the table shows it.
   *
   * @param time one line, "2026-11-23 09:14:05 UTC"
   * @param delay "5 h 10 m", "skew" or "" (first hop)
   * @param barPercent the hop's share of the total delay, 0-100 (an integer: safe in a style)
   */
  public record HopRow(
      int number,
      String fromName,
      String fromIp,
      String by,
      String with,
      String tls,
      String tlsClass,
      String time,
      String delay,
      int barPercent,
      String share,
      boolean slow,
      boolean origin,
      boolean internal,
      String side,
      String skewNote,
      boolean authenticated) {}

  /** A line of the authentication block: mxray's own result and what the receiver said. */
  public record AuthRow(
      String method, String result, String resultClass, String detail, String receiver) {}

  /** One result a receiver recorded in Authentication-Results (RFC 8601). */
  public record ReceiverRow(
      String authservId, String method, String result, String resultClass, String properties) {}

  /** A decoded spam-filter header. */
  public record SpamView(String header, boolean spam, List<SpamEntry> entries) {}

  /** One decoded field of a spam-filter header. */
  public record SpamEntry(String key, String value, String meaning) {}

  /** One bulk-sender requirement. */
  public record CheckRow(
      String title,
      String status,
      String statusLabel,
      String statusClass,
      String rule,
      String detail) {}

  /** A header field with, when it is well known, what it is for and where it is documented. */
  public record HeaderRow(
      String name, String value, boolean known, String category, String explanation, String url) {}

  /** One MIME part. */
  public record MimeRow(
      int depth,
      String contentType,
      String charset,
      String encoding,
      String filename,
      long bytes) {}

  public static HeadersView of(MessageAnalysis a, Instant at, String generator) {
    List<ReportView.Count> counts =
        List.of(Severity.FAIL, Severity.WARN, Severity.INCONCLUSIVE, Severity.INFO, Severity.PASS)
            .stream()
            .map(
                s ->
                    new ReportView.Count(
                        s.id(),
                        FindingView.label(s),
                        a.findings().stream().filter(f -> f.severity() == s).count()))
            .toList();
    List<FindingView> findings =
        a.findings().stream()
            .sorted((x, y) -> Integer.compare(rank(y.severity()), rank(x.severity())))
            .map(FindingView::of)
            .toList();
    return new HeadersView(
        generator,
        at.toString(),
        a.worst().id(),
        FindingView.label(a.worst()),
        a.message().value("Subject"),
        a.message().value("From"),
        summary(a),
        counts,
        hops(a),
        origin(a),
        skewNotes(a),
        authentication(a),
        receiverResults(a),
        antispam(a),
        checklist(a),
        findings,
        headers(a),
        a.message().fields().size() > MAX_HEADERS,
        a.mime().parts().stream().map(HeadersView::mime).toList());
  }

  private static int rank(Severity s) {
    return switch (s) {
      case FAIL -> 4;
      case WARN -> 3;
      case INCONCLUSIVE -> 2;
      case INFO -> 1;
      case PASS -> 0;
    };
  }

  public boolean hasHops() {
    return !hops.isEmpty();
  }

  public boolean hasFindings() {
    return !findings.isEmpty();
  }

  public boolean hasAntispam() {
    return !antispam.isEmpty();
  }

  public boolean hasReceiverResults() {
    return !receiverResults.isEmpty();
  }

  public boolean hasChecklist() {
    return !checklist.isEmpty();
  }

  public boolean hasMime() {
    return !mime.isEmpty();
  }

  public int headerCount() {
    return headers.size();
  }

  private static String summary(MessageAnalysis a) {
    List<String> parts = new ArrayList<>();
    int n = a.chain().hops().size();
    parts.add(n + (n == 1 ? " hop" : " hops"));
    a.chain().totalDelayMillis().ifPresent(t -> parts.add("total delay " + Durations.compact(t)));
    a.chain().originIp().ifPresent(ip -> parts.add("origin " + ip));
    parts.add(a.message().fields().size() + " header fields");
    return String.join(" · ", parts);
  }

  static List<HopRow> hops(MessageAnalysis a) {
    List<HopRow> rows = new ArrayList<>();
    for (Hop h : a.chain().hops()) {
      Received r = h.received();
      String name = r.helo();
      if (!r.rdns().isEmpty() && !r.rdns().equalsIgnoreCase(r.helo())) {
        name = name.isEmpty() ? r.rdns() : name + " (" + r.rdns() + ")";
      }
      if (name.isEmpty() && r.ip().isEmpty()) {
        name = r.from().isEmpty() ? "—" : r.from();
      }
      String delay =
          h.skew().isPresent()
              ? "clock skew"
              : h.effectiveDelayMillis().isPresent()
                  ? Durations.compact(h.effectiveDelayMillis().getAsLong())
                  : "—";
      long eff = h.effectiveDelayMillis().orElse(0);
      rows.add(
          new HopRow(
              h.index(),
              name,
              r.ip(),
              r.byHost().isEmpty() ? r.by() : r.byHost(),
              r.protocol().isEmpty() ? r.with() : r.protocol(),
              switch (r.tls()) {
                case YES -> r.tlsVersion().isEmpty() ? "TLS" : r.tlsVersion();
                case NO -> "no TLS";
                case UNKNOWN -> "not recorded";
              },
              switch (r.tls()) {
                case YES -> "sev-pass";
                case NO -> "sev-warn";
                case UNKNOWN -> "sev-info";
              },
              r.date()
                  .map(d -> TIME.format(d) + " UTC")
                  .orElse(r.dateText().isEmpty() ? "—" : "unreadable: " + r.dateText()),
              delay,
              (int) Math.round(Math.max(0, Math.min(100, h.sharePercent()))),
              h.effectiveDelayMillis().isPresent()
                  ? String.format(Locale.ROOT, "%.0f %%", h.sharePercent())
                  : "",
              eff >= MessageAnalyzer.SLOW_HOP.toMillis(),
              h.index() == a.chain().originHop(),
              h.internal(),
              side(h.boundary()),
              h.skew().map(s -> skew(a, h, s)).orElse(""),
              r.authenticated()));
    }
    return rows;
  }

  /** Where a hop stands relative to the receiver, in words. */
  static String side(Hop.Boundary b) {
    return switch (b) {
      case PRIVATE_ADDRESS -> "inside: private address";
      case LOCAL_HANDOVER -> "inside: local hand-over";
      case RECEIVER_HOST -> "inside: receiver's host (reverse DNS)";
      case RECEIVER_HOST_NAMED -> "inside: receiver's host (name and network)";
      case RECEIVER_NETWORK -> "inside: receiver's network";
      case ORIGIN -> "origin: entered the receiver here";
      case ORIGIN_SAME_PROVIDER -> "origin: first public address (one provider end to end)";
      case BOUNDARY_WITHOUT_ADDRESS -> "entered here; address not recorded";
      case SENDER_SIDE -> "sender side: written by the sender, not verified";
      case UNKNOWN -> "not classified";
    };
  }

  private static String skew(MessageAnalysis a, Hop h, Hop.ClockSkew s) {
    String off = Durations.compact(s.millis());
    String who;
    if (s.suspectHop() > 0) {
      Received suspect = a.chain().hops().get(s.suspectHop() - 1).received();
      who =
          "The clock of "
              + (suspect.byHost().isEmpty() ? "hop " + s.suspectHop() : suspect.byHost())
              + " runs "
              + off
              + (s.ahead() ? " ahead of" : " behind")
              + " its neighbours";
    } else {
      who =
          "Stamped "
              + off
              + " before hop "
              + (h.index() - 1)
              + "; the header does not tell whose clock is wrong";
    }
    return who
        + (s.kind() == Hop.ClockSkew.Kind.TIME_ZONE
            ? " — whole half-hours, so most likely a wrong time-zone offset"
            : "")
        + ". The gap is not counted as delay.";
  }

  private static List<String> skewNotes(MessageAnalysis a) {
    List<String> out = new ArrayList<>();
    for (Hop h : a.chain().hops()) {
      h.skew().ifPresent(s -> out.add("Hop " + h.index() + ": " + skew(a, h, s)));
    }
    return out;
  }

  private static String origin(MessageAnalysis a) {
    Optional<Hop> o = a.chain().origin();
    if (o.isPresent()) {
      Hop h = o.get();
      Received r = h.received();
      String orgs = String.join(", ", a.chain().receiverOrganisations());
      return "The message entered the receiver's systems at hop "
          + h.index()
          + ", from "
          + r.ip()
          + (r.rdns().isEmpty() ? "" : " (" + r.rdns() + ")")
          + " to "
          + r.byHost()
          + ". "
          + (h.boundary() == Hop.Boundary.ORIGIN_SAME_PROVIDER
              ? "Every hop is inside one provider, so this is the first public address counting"
                  + " from the receiver."
              : "It is the first public address outside the receiver's organisations"
                  + (orgs.isEmpty() ? "" : " (" + orgs + ")")
                  + "; newer hops are the receiver's own, older ones were written by the sender.")
          + (r.authenticated() ? " The client authenticated there: a submission." : "");
    }
    if (a.chain().hops().stream()
        .anyMatch(h -> h.boundary() == Hop.Boundary.BOUNDARY_WITHOUT_ADDRESS)) {
      return "An outside host handed the message over without its address being recorded, so"
          + " the origin cannot be told; older hops were written by the sender.";
    }
    return a.chain().hops().isEmpty() ? "" : "No Received header records a public sending address.";
  }

  private static String resultClass(String result, boolean evaluated) {
    if (!evaluated) {
      return "sev-info";
    }
    return switch (result) {
      case "pass" -> "sev-pass";
      case "fail", "softfail", "permerror" -> "sev-fail";
      case "temperror" -> "sev-inconclusive";
      case "neutral", "none", "" -> "sev-info";
      default -> "sev-warn";
    };
  }

  private static List<AuthRow> authentication(MessageAnalysis a) {
    List<AuthRow> rows = new ArrayList<>();
    boolean dkimRun = a.dkim().evaluated();
    if (a.dkim().signatures().isEmpty()) {
      rows.add(new AuthRow("DKIM", "none", "sev-info", "no DKIM-Signature", ""));
    }
    for (DkimSignatureVerification v : a.dkim().signatures()) {
      String detail =
          "d="
              + v.domain()
              + " s="
              + v.selector()
              + (v.algorithm().isEmpty() ? "" : " " + v.algorithm())
              + (v.keyBits() > 0 ? ", " + v.keyBits() + "-bit key" : "")
              + (v.reason().isEmpty() ? "" : " — " + v.reason());
      rows.add(
          new AuthRow(
              "DKIM",
              dkimRun ? v.result().id() : "not run",
              resultClass(v.result().id(), dkimRun),
              detail,
              ""));
    }
    var spf = a.spf();
    rows.add(
        new AuthRow(
            "SPF",
            spf.verdict().evaluated() ? spf.verdict().result() : "not run",
            resultClass(spf.verdict().result(), spf.verdict().evaluated()),
            (spf.ip().isEmpty() ? "" : "ip " + spf.ip())
                + (spf.mailFrom().isEmpty() ? "" : ", mail from " + spf.mailFrom())
                + (spf.verdict().evaluated() || spf.verdict().reason().isEmpty()
                    ? ""
                    : " — " + spf.verdict().reason()),
            spf.receiverResult()));
    var d = a.dmarc();
    rows.add(
        new AuthRow(
            "DMARC",
            d.evaluated() ? d.result() : "not run",
            resultClass(d.result(), d.evaluated()),
            (d.fromDomain().isEmpty() ? "no single From domain" : "From " + d.fromDomain())
                + (d.policy().isEmpty() ? "" : ", p=" + d.policy())
                + "; DKIM "
                + (d.dkimAligned() ? "aligned" : "not aligned")
                + ", SPF "
                + (d.spfAligned() ? "aligned" : "not aligned")
                + (d.evaluated() || d.reason().isEmpty() ? "" : " — " + d.reason()),
            d.receiverResult()));
    ArcResult arc = a.arc().result();
    rows.add(
        new AuthRow(
            "ARC",
            a.arc().evaluated() ? arc.status().id() : "not run",
            resultClass(arc.status().id(), a.arc().evaluated()),
            arc.instances()
                + (arc.instances() == 1 ? " set" : " sets")
                + (arc.reason().isEmpty() ? "" : " — " + arc.reason()),
            a.arc().receiverResult()));
    return rows;
  }

  private static List<ReceiverRow> receiverResults(MessageAnalysis a) {
    List<ReceiverRow> rows = new ArrayList<>();
    for (AuthResults ar : a.authResults()) {
      for (AuthResults.Method m : ar.results()) {
        List<String> props = new ArrayList<>();
        m.properties().forEach((k, v) -> props.add(k + "=" + v));
        rows.add(
            new ReceiverRow(
                ar.authservId(),
                m.method(),
                m.result(),
                resultClass(m.result(), true),
                String.join(" ", props) + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")")));
      }
    }
    return rows;
  }

  private static List<SpamView> antispam(MessageAnalysis a) {
    List<SpamView> out = new ArrayList<>();
    for (Antispam.Report r : a.antispam()) {
      out.add(
          new SpamView(
              r.header(),
              r.spam(),
              r.entries().stream()
                  .map(e -> new SpamEntry(e.key(), e.value(), e.meaning()))
                  .toList()));
    }
    return out;
  }

  private static List<CheckRow> checklist(MessageAnalysis a) {
    List<CheckRow> out = new ArrayList<>();
    for (ChecklistItem i : a.checklist()) {
      String cls =
          switch (i.status()) {
            case PASS -> "sev-pass";
            case FAIL -> "sev-fail";
            case UNKNOWN -> "sev-inconclusive";
          };
      String label =
          switch (i.status()) {
            case PASS -> "Pass";
            case FAIL -> "Fail";
            case UNKNOWN -> "Could not tell";
          };
      out.add(new CheckRow(i.title(), i.status().id(), label, cls, i.rule(), i.detail()));
    }
    return out;
  }

  private static List<HeaderRow> headers(MessageAnalysis a) {
    List<HeaderRow> out = new ArrayList<>();
    for (HeaderField f : a.message().fields()) {
      if (out.size() >= MAX_HEADERS) {
        break;
      }
      Optional<HeaderGlossary.Entry> e = HeaderGlossary.lookup(f.name());
      out.add(
          new HeaderRow(
              f.name(),
              f.decoded(),
              e.isPresent(),
              e.map(HeaderGlossary.Entry::category).orElse(""),
              e.map(HeaderGlossary.Entry::explanation).orElse(""),
              e.map(HeaderGlossary.Entry::url).orElse("")));
    }
    return out;
  }

  private static MimeRow mime(MimeStructure.MimePart p) {
    return new MimeRow(
        p.depth(), p.contentType(), p.charset(), p.transferEncoding(), p.filename(), p.bytes());
  }
}
