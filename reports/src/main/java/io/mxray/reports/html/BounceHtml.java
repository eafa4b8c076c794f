package io.mxray.reports.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceMessage;
import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.ExplainedRecipient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report of one bounce ({@code POST /api/v1/bounce} with {@code Accept: text/html}, {@code
 * mxray bounce --format html}): one card per recipient (partial {@code parts/recipients.hbs}) with
 * the reason, hard or soft, the advice, the details a list manager needs, and the rule that
 * decided; then what the bounce says about itself and the original message.
 */
public final class BounceHtml {

  private BounceHtml() {}

  public static String of(BounceReport r, ObjectNode json, Instant at, String generator) {
    ObjectNode facts = json.deepCopy();
    facts.remove("recipients");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("recipientCards", cards(r));
    return SectionHtml.of(
        "bounce", "bounce", "Bounce explanation", r.findings(), facts, extra, at, generator);
  }

  static List<RecipientView> cards(BounceReport r) {
    BounceMessage m = r.message();
    return r.recipients().stream().map(e -> card(e, m)).toList();
  }

  private static RecipientView card(ExplainedRecipient e, BounceMessage m) {
    var rc = e.recipient();
    return new RecipientView(
        rc.address().isEmpty() ? "(recipient not stated)" : rc.address(),
        rc.action(),
        rc.status(),
        rc.diagnostic(),
        e.hardBounce(),
        e.reason().isNotAFailure(),
        e.reason().id(),
        e.explanation(),
        e.advice().sender()
            + (e.advice().retry().isEmpty() ? "" : "\nRetry: " + e.advice().retry())
            + (e.advice().recipientAdmin().isEmpty()
                ? ""
                : "\nRecipient's administrator: " + e.advice().recipientAdmin()),
        e.rule(),
        rc.replyCode() > 0 ? Integer.toString(rc.replyCode()) : "",
        rc.command(),
        rc.remoteMta(),
        rc.reportingMta(),
        rc.originalRecipient(),
        m.original().messageId(),
        m.original().from(),
        m.original().subject(),
        m.original().listId(),
        m.date(),
        e.dedupKey());
  }
}
