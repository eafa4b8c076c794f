package io.mxray.core.bounce;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Classifies every recipient of a {@link BounceMessage} with {@link BounceRules} and explains it:
 * the reason's plain-language text ({@link ReasonTexts}), the registry meaning of its status and
 * reply codes, hard or soft, what to do, and the id of the rule that decided. Also answers a bare
 * reply line or code ({@link #explain(String)}).
 */
public final class BounceExplainer {

  private final BounceRules rules;
  private final Predicate<BounceRule> enabled;

  public BounceExplainer(BounceRules rules) {
    this(rules, r -> true);
  }

  /**
   * An explainer that uses only the rules {@code enabled} accepts: leave-one-source-out scoring
   * classifies a corpus group with the rules that would exist had that group never been seen.
   */
  BounceExplainer(BounceRules rules, Predicate<BounceRule> enabled) {
    this.rules = rules;
    this.enabled = enabled;
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
        // Recipients sharing the same evidence (a diagnostic stated once for many) are decided
        // once.
        Map<Evidence, Decision> decided = new HashMap<>();
        Map<String, byte[]> memos = new HashMap<>();
        for (BounceRecipient r : m.recipients()) {
          ExplainedRecipient e = classify(m, r, decided, memos);
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
   * ("5.7.26") with the same rules, in the same way, as the same line inside a bounce.
   */
  public BounceReport explainReply(String line) {
    SmtpReply reply = SmtpReply.parse(line);
    String diagnostic = Lines.oneLine(line, 4000);
    String status =
        DeliveryStatus.effectiveStatus(
            reply.status().map(EnhancedStatus::toString).orElse(""), diagnostic);
    int code = reply.code() > 0 ? reply.code() : DeliveryStatus.replyCode(diagnostic);
    BounceRecipient r =
        new BounceRecipient(
            "", "", status, code, diagnostic, "", TextBounceScanner.command(diagnostic));
    BounceMessage m = new BounceMessage(BounceMessage.Kind.REPLY, List.of(r), "", "", "", false);
    ExplainedRecipient e = classify(m, r, new HashMap<>(), new HashMap<>());
    if (reply.text().isBlank() && !status.isEmpty()) {
      // A bare code: say how vendors that redefine it use it (Microsoft's 5.4.1).
      StringBuilder vendors = new StringBuilder();
      for (BounceRule v : rules.vendorMeanings(status)) {
        vendors.append(' ').append(v.meaning());
      }
      if (vendors.length() > 0) {
        e =
            new ExplainedRecipient(
                e.recipient(),
                e.reason(),
                e.hardBounce(),
                e.explanation() + " Vendor use of " + status + ":" + vendors,
                e.advice(),
                e.rule(),
                e.dedupKey());
      }
    }
    List<Finding> findings = new ArrayList<>();
    boolean known =
        reply.meaning().isPresent() || reply.status().flatMap(EnhancedStatus::entry).isPresent();
    if (!known && e.rule().startsWith("message:")) {
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
      findings.add(finding(m, e));
    }
    return new BounceReport(m, List.of(e), findings);
  }

  /** The reason of one recipient and the rule (or built-in decision) that gave it. */
  private record Decision(BounceReason reason, String rule, BounceRule row) {}

  /** Classifies one recipient of {@code m} (the one classifier of bounce and explain). */
  ExplainedRecipient classify(BounceMessage m, BounceRecipient r) {
    return classify(m, r, new HashMap<>(), new HashMap<>());
  }

  private ExplainedRecipient classify(
      BounceMessage m,
      BounceRecipient r,
      Map<Evidence, Decision> decided,
      Map<String, byte[]> memos) {
    Decision d;
    if (m.kind() == BounceMessage.Kind.FEEDBACK) {
      d = new Decision(BounceReason.FEEDBACK, "message:feedback-report", null);
    } else if (m.kind() == BounceMessage.Kind.AUTO_REPLY) {
      d = new Decision(BounceReason.VACATION, "message:auto-replied", null);
    } else if (isDelivery(r)) {
      d =
          new Decision(
              BounceReason.DELIVERED,
              "message:action-" + (r.action().isEmpty() ? "delivered" : r.action()),
              null);
    } else {
      Evidence ev = Evidence.of(r, m.mta());
      d =
          decided.size() < 10_000
              ? decided.computeIfAbsent(ev, k -> decide(k, r, memos))
              : decide(ev, r, memos);
    }
    BounceReason reason = d.reason();
    boolean hard = reason.isHard(r.status(), r.replyCode());
    ReasonTexts.Text t = ReasonTexts.of(reason);
    StringBuilder explanation = new StringBuilder();
    boolean vendorMeaning = d.row() != null && !d.row().meaning().isEmpty();
    if (vendorMeaning) {
      explanation.append(d.row().meaning()).append(' ');
    }
    explanation.append(t.explanation());
    if (!(vendorMeaning && d.row().tier() == BounceRule.Tier.VENDOR)) {
      // A vendor that redefines a code (Microsoft's 5.4.1) is not explained by the registry
      // meaning.
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
    }
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
        d.rule(),
        m.kind() == BounceMessage.Kind.REPLY ? "" : DedupKey.of(m, r, reason));
  }

  private Decision decide(Evidence ev, BounceRecipient r, Map<String, byte[]> memos) {
    Optional<BounceRule> hit = rules.match(ev, enabled, memos);
    if (hit.isPresent()) {
      return new Decision(hit.get().reason(), hit.get().qualifiedId(), hit.get());
    }
    if (!r.status().isEmpty()
        || r.replyCode() > 0
        || (!r.address().isEmpty() && !r.diagnostic().isBlank())) {
      return new Decision(BounceReason.ONHOLD, "message:no-rule-matched", null);
    }
    return new Decision(BounceReason.UNDEFINED, "message:nothing-to-classify", null);
  }

  /**
   * A success notice (RFC 3464 §2.3.3 delivered, relayed, expanded; class 2 status) — unless the
   * diagnostic carries a 4xx/5xx reply or status: a transient or permanent failure is never a
   * delivery, whatever the Action field claims.
   */
  static boolean isDelivery(BounceRecipient r) {
    boolean success =
        r.action().equals("delivered")
            || r.action().equals("relayed")
            || r.action().equals("expanded")
            || r.status().startsWith("2.");
    boolean failureCode =
        r.replyCode() >= 400 || r.status().startsWith("4.") || r.status().startsWith("5.");
    return success && !failureCode;
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
      evidence.add(Lines.oneLine(e.recipient().diagnostic(), 500));
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
