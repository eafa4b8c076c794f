package io.mxray.core.bounce;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies every recipient of a {@link BounceMessage} with {@link BounceRules} and explains it:
 * the reason's plain-language text ({@link ReasonTexts}), the registry meaning of its status and
 * reply codes, hard or soft, what to do, and the id of the rule that decided. Also answers a bare
 * reply line or code ({@link #explain(String)}).
 */
public final class BounceExplainer {

  private final BounceRules rules;

  public BounceExplainer(BounceRules rules) {
    this.rules = rules;
  }

  public BounceExplainer() {
    this(BounceRules.defaults());
  }

  /** Parses and explains one message. */
  public BounceReport explain(byte[] message) {
    return explain(DsnParser.parse(message));
  }

  public BounceReport explain(BounceMessage m) {
    List<ExplainedRecipient> out = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    switch (m.kind()) {
      case UNREADABLE ->
          findings.add(
              Finding.of(
                  BounceCodes.UNREADABLE,
                  "",
                  "The input is not a mail message; " + "nothing was classified."));
      case NOT_A_BOUNCE ->
          findings.add(
              Finding.of(
                      BounceCodes.NOT_A_BOUNCE,
                      m.subject(),
                      "No delivery-status part, no feedback report and no bounce text were found: this looks like ordinary "
                          + "mail. Reason: undefined.")
                  .withRemediation(
                      "Pass the bounce message itself (the notice from MAILER-DAEMON or postmaster), "
                          + "saved with all headers (.eml), or use 'mxray explain' for a single reply line."));
      default -> {
        for (BounceRecipient r : m.recipients()) {
          ExplainedRecipient e = classify(m.kind(), r, m.from());
          out.add(e);
          findings.add(finding(m, e));
        }
      }
    }
    if (m.truncated()) {
      findings.add(
          Finding.of(
              BounceCodes.TRUNCATED,
              "",
              "Only the first " + DsnParser.MAX_BYTES + " bytes were read."));
    }
    return new BounceReport(m, out, findings);
  }

  /**
   * Explains a bare reply ("550 5.1.1 <x@example.com>: Recipient address rejected") or code
   * ("5.7.26").
   */
  public BounceReport explainReply(String line) {
    SmtpReply reply = SmtpReply.parse(line);
    String status = reply.status().map(EnhancedStatus::toString).orElse("");
    int code = reply.code();
    BounceRecipient r =
        new BounceRecipient("", "", status, code, DsnParser.oneLine(line, 4000), "", "");
    ExplainedRecipient e = classify(BounceMessage.Kind.REPLY, r, "");
    List<Finding> findings = new ArrayList<>();
    boolean known =
        reply.meaning().isPresent() || reply.status().flatMap(EnhancedStatus::entry).isPresent();
    if (!known && !e.rule().startsWith("text:")) {
      findings.add(
          Finding.of(
                  BounceCodes.UNKNOWN_CODE,
                  line.trim(),
                  "Neither a registered enhanced status "
                      + "code, a known reply code, nor a known server phrase was recognised.")
              .withRemediation(
                  "Give the full reply line as the server sent it, e.g. "
                      + "'550 5.1.1 <user@example.com>: Recipient address rejected'."));
    } else {
      findings.add(
          finding(new BounceMessage(BounceMessage.Kind.REPLY, List.of(r), "", "", "", false), e));
    }
    return new BounceReport(
        new BounceMessage(BounceMessage.Kind.REPLY, List.of(r), "", "", "", false),
        List.of(e),
        findings);
  }

  ExplainedRecipient classify(BounceMessage.Kind kind, BounceRecipient r, String from) {
    BounceReason reason;
    String rule;
    if (kind == BounceMessage.Kind.FEEDBACK) {
      reason = BounceReason.FEEDBACK;
      rule = "message:feedback-report";
    } else if (kind == BounceMessage.Kind.AUTO_REPLY) {
      reason = BounceReason.VACATION;
      rule = "message:auto-replied";
    } else if (r.action().equals("delivered")
        || r.action().equals("relayed")
        || r.action().equals("expanded")
        || r.status().startsWith("2.")) {
      reason = BounceReason.DELIVERED;
      rule = "message:action-" + (r.action().isEmpty() ? "delivered" : r.action());
    } else {
      Optional<BounceRule> hit = rules.match(r, from, kind);
      if (hit.isPresent()) {
        reason = hit.get().reason();
        rule = hit.get().kind() + ":" + hit.get().id();
      } else if (!r.status().isEmpty()
          || r.replyCode() > 0
          || (!r.address().isEmpty() && !r.diagnostic().isBlank())) {
        reason = BounceReason.ONHOLD;
        rule = "message:no-rule-matched";
      } else {
        reason = BounceReason.UNDEFINED;
        rule = "message:nothing-to-classify";
      }
    }
    boolean hard = reason.isHard(r.status(), r.replyCode());
    ReasonTexts.Text t = ReasonTexts.of(reason);
    StringBuilder explanation = new StringBuilder(t.explanation());
    EnhancedStatus.parse(r.status())
        .flatMap(EnhancedStatus::entry)
        .ifPresent(
            e ->
                explanation
                    .append(" Status ")
                    .append(r.status())
                    .append(": ")
                    .append(e.title())
                    .append(" — ")
                    .append(e.meaning()));
    if (r.replyCode() > 0) {
      SmtpReply.meaning("smtp", Integer.toString(r.replyCode()))
          .ifPresent(
              mm ->
                  explanation
                      .append(" Reply ")
                      .append(r.replyCode())
                      .append(": ")
                      .append(mm.meaning()));
    }
    return new ExplainedRecipient(
        r,
        reason,
        hard,
        explanation.toString(),
        new ExplainedRecipient.Advice(t.retry(), t.senderAdvice(), t.adminAdvice()),
        rule);
  }

  private static Finding finding(BounceMessage m, ExplainedRecipient e) {
    BounceCodes code =
        switch (e.reason()) {
          case DELIVERED -> BounceCodes.DELIVERED;
          case FEEDBACK -> BounceCodes.FEEDBACK;
          case VACATION -> BounceCodes.AUTO_REPLY;
          case ONHOLD, UNDEFINED -> BounceCodes.UNCLASSIFIED;
          default -> e.hardBounce() ? BounceCodes.HARD_BOUNCE : BounceCodes.SOFT_BOUNCE;
        };
    String subject = e.recipient().address();
    String message = e.reason().id() + ": " + e.explanation();
    if (e.reason() == BounceReason.FEEDBACK && !m.feedbackType().isEmpty()) {
      message = "feedback (" + m.feedbackType() + "): " + e.explanation();
    }
    List<String> evidence = new ArrayList<>();
    if (!e.recipient().diagnostic().isEmpty()) {
      evidence.add(DsnParser.oneLine(e.recipient().diagnostic(), 500));
    }
    evidence.add("rule " + e.rule());
    return new Finding(
        code,
        code.defaultSeverity(),
        subject,
        message,
        e.advice().sender() + (e.advice().retry().isEmpty() ? "" : " Retry: " + e.advice().retry()),
        code.rfc(),
        evidence);
  }
}
