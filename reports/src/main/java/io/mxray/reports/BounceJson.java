package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceReport;
import io.mxray.core.bounce.EnhancedStatus;
import io.mxray.core.bounce.ExplainedRecipient;
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
    ArrayNode rs = n.putArray("recipients");
    r.recipients().forEach(e -> rs.add(recipient(e)));
    n.set("findings", Json.findings(r.findings()));
    return n;
  }

  public static ObjectNode recipient(ExplainedRecipient e) {
    ObjectNode n = Json.object();
    nullable(n, "address", e.recipient().address());
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
    nullable(n, "remoteMta", e.recipient().remoteMta());
    nullable(n, "command", e.recipient().command());
    n.put("explanation", e.explanation());
    ObjectNode advice = n.putObject("advice");
    advice.put("retry", e.advice().retry());
    advice.put("sender", e.advice().sender());
    advice.put("recipientAdmin", e.advice().recipientAdmin());
    n.put("rule", e.rule());
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
