package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceMessage;
import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.EnhancedStatus;
import io.mxray.core.bounce.ExplainedRecipient;
import io.mxray.core.bounce.OriginalMessage;
import java.util.List;
import java.util.Locale;

/**
 * JSON of {@code mxray bounce} (docs/bounce.md, docs/schema/bounce.schema.json): {@code
 * {"schemaVersion":1, "type":"bounce", "kind", "recipients":[...], "findings":[...]}}; one such
 * object per line for JSONL batches, with {@code "file"}. Absent values are {@code null}; reasons
 * and kinds are lower-case.
 */
public final class BounceJson {

  private BounceJson() {}

  /** The document of one message. {@code file} is omitted when null. */
  public static ObjectNode of(BounceReport r, String file, Integer messageIndex) {
    ObjectNode n = Json.document("bounce");
    if (file != null) {
      n.put("file", file);
    }
    if (messageIndex != null) {
      n.put("message", messageIndex);
    }
    n.put("kind", r.message().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    n.put("severity", r.severity().id());
    nullable(n, "subject", r.message().subject());
    nullable(n, "feedbackType", r.message().feedbackType());
    n.put("truncated", r.message().truncated());
    nullable(n, "mta", r.message().mta());
    nullable(n, "date", r.message().date());
    n.set("original", original(r.message().original()));
    ArrayNode rs = n.putArray("recipients");
    r.recipients().forEach(e -> rs.add(recipient(e, r.message())));
    n.set("findings", Json.findings(r.findings()));
    return n;
  }

  /** What the bounce says about the original message: Message-ID, sender, Subject, List-Id. */
  static ObjectNode original(OriginalMessage o) {
    ObjectNode n = Json.object();
    nullable(n, "messageId", o.messageId());
    nullable(n, "from", o.from());
    nullable(n, "subject", o.subject());
    nullable(n, "listId", o.listId());
    return n;
  }

  /** A recipient without message context ({@code mxray explain}). */
  public static ObjectNode recipient(ExplainedRecipient e) {
    return recipient(
        e, new BounceMessage(BounceMessage.Kind.REPLY, java.util.List.of(), "", "", "", false));
  }

  /**
   * One recipient with the details a list manager needs: the alias that was mailed, the original
   * message's Message-ID, sender, Subject and List-Id, the bounce's date, who reported and who
   * answered, the failed command and the de-duplication key.
   */
  public static ObjectNode recipient(ExplainedRecipient e, BounceMessage m) {
    ObjectNode n = Json.object();
    nullable(n, "address", e.recipient().address());
    nullable(n, "originalRecipient", e.recipient().originalRecipient());
    nullable(n, "action", e.recipient().action());
    nullable(n, "status", e.recipient().status());
    if (e.recipient().replyCode() > 0) {
      n.put("replyCode", e.recipient().replyCode());
    } else {
      n.putNull("replyCode");
    }
    n.put("reason", e.reason().id());
    n.put("hardBounce", e.hardBounce());
    nullable(n, "diagnostic", e.recipient().diagnostic());
    nullable(n, "diagnosticType", e.recipient().diagnosticType());
    nullable(n, "bounceType", e.recipient().bounceType());
    nullable(n, "remoteMta", e.recipient().remoteMta());
    nullable(n, "reportingMta", e.recipient().reportingMta());
    nullable(n, "mta", m.mta());
    nullable(n, "command", e.recipient().command());
    nullable(n, "date", m.date());
    nullable(n, "messageId", m.original().messageId());
    nullable(n, "sender", m.original().from());
    nullable(n, "originalSubject", m.original().subject());
    nullable(n, "listId", m.original().listId());
    nullable(n, "dedupKey", e.dedupKey());
    n.put("explanation", e.explanation());
    ObjectNode advice = n.putObject("advice");
    advice.put("retry", e.advice().retry());
    advice.put("sender", e.advice().sender());
    advice.put("recipientAdmin", e.advice().recipientAdmin());
    n.put("rule", e.rule());
    return n;
  }

  /**
   * A message of a batch that could not be explained (a bug, reported so the batch goes on): {@code
   * {"schemaVersion":1, "type":"bounce-error", "file", "message", "error"}}.
   */
  public static ObjectNode error(String file, Integer messageIndex, String error) {
    ObjectNode n = Json.document("bounce-error");
    n.put("file", file);
    if (messageIndex != null) {
      n.put("message", messageIndex);
    }
    n.put("error", error);
    return n;
  }

  /** {@code mxray bounce --dir --format json}: the documents of every message, in file order. */
  public static ObjectNode batch(List<ObjectNode> messages) {
    ObjectNode n = Json.document("bounce-batch");
    n.putArray("messages").addAll(messages);
    return n;
  }

  static String statusTitle(String status) {
    return EnhancedStatus.parse(status)
        .flatMap(EnhancedStatus::entry)
        .map(EnhancedStatus.Entry::title)
        .orElse("");
  }

  private static void nullable(ObjectNode n, String key, String value) {
    if (value == null || value.isEmpty()) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }
}
