package io.mxray.reports;

import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.EnhancedStatus;
import io.mxray.core.bounce.ExplainedRecipient;
import io.mxray.core.bounce.SmtpReply;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.List;
import java.util.Locale;

/** Plain-language terminal rendering of {@code mxray bounce} and {@code mxray explain}. */
public final class BounceText {

  private BounceText() {}

  public static String of(BounceReport r, String label, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    String kind =
        switch (r.message().kind()) {
          case DSN -> "delivery status notification";
          case TEXT_BOUNCE -> "bounce (text only, no machine-readable report)";
          case FEEDBACK -> "feedback report (" + r.message().feedbackType() + ")";
          case AUTO_REPLY -> "automatic reply";
          case NOT_A_BOUNCE -> "not a bounce";
          case UNREADABLE -> "not a mail message";
          case REPLY -> "reply line";
        };
    out.append(ansi.bold("mxray bounce " + Ansi.clean(label)))
        .append(" — ")
        .append(ansi.severity(r.severity(), TextFindings.label(r.severity())))
        .append("  ")
        .append(kind)
        .append(
            String.format(
                Locale.ROOT,
                ", %d recipient%s%n",
                r.recipients().size(),
                r.recipients().size() == 1 ? "" : "s"));
    details(out, r, ansi);
    for (ExplainedRecipient e : r.recipients()) {
      out.append('\n');
      recipient(out, e, ansi, false);
    }
    // Per-recipient findings repeat what is printed above; show the message-level ones only.
    List<Finding> general =
        r.recipients().isEmpty()
            ? r.findings()
            : r.findings().stream().filter(f -> f.codeId().equals("bounce.truncated")).toList();
    if (!general.isEmpty()) {
      out.append('\n');
      TextFindings.append(out, general, ansi);
    }
    return out.toString();
  }

  /** Who wrote the bounce and when, and which message bounced (Message-ID, sender, list). */
  private static void details(StringBuilder out, BounceReport r, Ansi ansi) {
    var m = r.message();
    StringBuilder who = new StringBuilder();
    if (!m.mta().isEmpty()) {
      who.append("written by ").append(Ansi.clean(m.mta()));
    }
    String reporting =
        r.recipients().isEmpty() ? "" : r.recipients().get(0).recipient().reportingMta();
    if (!reporting.isEmpty()) {
      who.append(who.length() > 0 ? " at " : "reported by ").append(Ansi.clean(reporting));
    }
    if (!m.date().isEmpty()) {
      who.append(who.length() > 0 ? ", " : "").append("dated ").append(m.date());
    }
    if (who.length() > 0) {
      out.append("  ").append(ansi.dim("Bounce: " + who)).append('\n');
    }
    var o = m.original();
    StringBuilder orig = new StringBuilder();
    if (!o.messageId().isEmpty()) {
      orig.append("Message-ID <").append(Ansi.clean(o.messageId())).append('>');
    }
    if (!o.from().isEmpty()) {
      orig.append(orig.length() > 0 ? ", " : "").append("from ").append(Ansi.clean(o.from()));
    }
    if (!o.subject().isEmpty()) {
      orig.append(orig.length() > 0 ? ", " : "")
          .append("subject \"")
          .append(Ansi.clean(o.subject()))
          .append('"');
    }
    if (!o.listId().isEmpty()) {
      orig.append(orig.length() > 0 ? ", " : "").append("list ").append(Ansi.clean(o.listId()));
    }
    if (orig.length() > 0) {
      out.append("  ").append(ansi.dim("Original message: " + orig)).append('\n');
    }
  }

  static void recipient(StringBuilder out, ExplainedRecipient e, Ansi ansi, boolean explainMode) {
    Severity s =
        e.reason().isNotAFailure() ? Severity.INFO : e.hardBounce() ? Severity.FAIL : Severity.WARN;
    String verdict =
        e.reason().isNotAFailure()
            ? "NOT A FAILURE"
            : e.hardBounce() ? "HARD BOUNCE" : "SOFT BOUNCE";
    String address =
        explainMode
            ? "Verdict:"
            : e.recipient().address().isEmpty()
                ? "(recipient not stated)"
                : e.recipient().address();
    out.append("  ")
        .append(ansi.bold(Ansi.clean(address)))
        .append("  ")
        .append(ansi.severity(s, verdict))
        .append("  reason: ")
        .append(ansi.bold(e.reason().id()))
        .append('\n');
    StringBuilder codes = new StringBuilder();
    if (!e.recipient().status().isEmpty()) {
      codes.append("status ").append(e.recipient().status());
      String title = BounceJson.statusTitle(e.recipient().status());
      if (!title.isEmpty()) {
        codes.append(" (").append(title).append(')');
      }
    }
    if (e.recipient().replyCode() > 0) {
      codes
          .append(codes.length() > 0 ? ", " : "")
          .append("reply ")
          .append(e.recipient().replyCode());
    }
    if (!e.recipient().command().isEmpty()) {
      codes.append(codes.length() > 0 ? ", " : "").append("after ").append(e.recipient().command());
    }
    if (!e.recipient().remoteMta().isEmpty()) {
      codes
          .append(codes.length() > 0 ? ", " : "")
          .append("answered by ")
          .append(Ansi.clean(e.recipient().remoteMta()));
    }
    if (!e.recipient().originalRecipient().isEmpty()) {
      codes
          .append(codes.length() > 0 ? ", " : "")
          .append("mailed as ")
          .append(Ansi.clean(e.recipient().originalRecipient()));
    }
    if (codes.length() > 0) {
      out.append("    ").append(codes).append('\n');
    }
    TextFindings.indent(out, "What happened: " + e.explanation(), "    ");
    TextFindings.indent(out, ansi.bold("Retry: ") + e.advice().retry(), "    ");
    TextFindings.indent(out, ansi.bold("Sender: ") + e.advice().sender(), "    ");
    TextFindings.indent(
        out, ansi.bold("Recipient's admin: ") + e.advice().recipientAdmin(), "    ");
    if (!explainMode && !e.recipient().diagnostic().isEmpty()) {
      String d = e.recipient().diagnostic();
      out.append("    ")
          .append(
              ansi.dim(
                  "Server said: " + Ansi.clean(d.length() > 400 ? d.substring(0, 400) + "…" : d)))
          .append('\n');
    }
    out.append("    ")
        .append(
            ansi.dim(
                "Rule: "
                    + e.rule()
                    + (e.dedupKey().isEmpty() ? "" : "  De-duplication key: " + e.dedupKey())))
        .append('\n');
  }

  /** A message of a batch that could not be explained: one line, the batch goes on. */
  public static String error(String label, String error, Ansi ansi) {
    return ansi.bold("mxray bounce " + Ansi.clean(label))
        + " — "
        + ansi.severity(Severity.INCONCLUSIVE, "ERROR")
        + "  could not be explained ("
        + Ansi.clean(error)
        + "); the other messages are reported\n";
  }

  /** {@code mxray explain}: the registry meaning of the codes, then the classification. */
  public static String explain(String input, BounceReport r, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold("mxray explain")).append(" ").append(Ansi.clean(input)).append('\n');
    SmtpReply reply = SmtpReply.parse(input);
    reply
        .meaning()
        .ifPresent(
            m ->
                out.append("  ")
                    .append(m.protocol().toUpperCase(Locale.ROOT))
                    .append(' ')
                    .append(m.code())
                    .append(": ")
                    .append(m.meaning())
                    .append(ansi.dim("  [" + m.source() + "]"))
                    .append('\n'));
    reply
        .status()
        .ifPresent(
            st -> {
              out.append("  Status ").append(st);
              st.entry()
                  .ifPresent(
                      e ->
                          out.append(": ")
                              .append(e.title())
                              .append(" — ")
                              .append(e.meaning())
                              .append(ansi.dim("  [" + e.source() + "]")));
              if (st.entry().isEmpty()) {
                out.append(": not in the IANA registry; ");
                st.classEntry().ifPresent(e -> out.append(e.title()));
                st.subjectEntry().ifPresent(e -> out.append(", ").append(e.title()));
              }
              out.append('\n');
              for (var v :
                  io.mxray.core.bounce.BounceRules.defaults().vendorMeanings(st.toString())) {
                out.append("  Vendor use: ")
                    .append(v.meaning())
                    .append(ansi.dim("  [" + v.source() + "]"))
                    .append('\n');
              }
            });
    boolean unknown = r.findings().stream().anyMatch(f -> f.codeId().equals("bounce.unknown-code"));
    if (unknown) {
      out.append('\n');
      TextFindings.append(out, r.findings(), ansi);
      return out.toString();
    }
    for (ExplainedRecipient e : r.recipients()) {
      out.append('\n');
      recipient(out, e, ansi, true);
    }
    return out.toString();
  }

  /** For callers that render the registry row of a status code on its own. */
  public static String statusLine(String status) {
    return EnhancedStatus.parse(status)
        .flatMap(EnhancedStatus::entry)
        .map(e -> status + " " + e.title())
        .orElse(status);
  }
}
