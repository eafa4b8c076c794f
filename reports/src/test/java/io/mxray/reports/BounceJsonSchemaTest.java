package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.bounce.BounceExplainer;
import io.mxray.core.bounce.Mbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Validates what {@code mxray bounce} writes — one message, JSONL lines with file and mbox
 * position, and the {@code --dir} batch — for messages classified by the real BounceExplainer,
 * against docs/schema/bounce.schema.json.
 */
class BounceJsonSchemaTest {

  static final BounceExplainer EXPLAINER = new BounceExplainer();

  static final String ODD_DSN =
      """
      From: MAILER-DAEMON@mx.example.net
      To: sender@example.org
      Subject: Delivery Status Notification
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="Z"

      --Z
      Content-Type: text/plain

      Something happened.
      --Z
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.example.net

      Final-Recipient: rfc822; odd@example.com
      Action: Exploded (not an RFC 3464 action)
      Status: 9.9.9
      Diagnostic-Code: X-Whatever; 999 totally made up

      Final-Recipient: rfc822; fine@example.com
      Action: delivered
      Status: 2.0.0

      --Z--
      """;

  static final String MBOX =
      """
      From MAILER-DAEMON Mon Nov 23 10:00:00 2026
      From: MAILER-DAEMON@mx.example.net
      To: sender@example.org
      Subject: failure notice

      Hi. This is the qmail-send program at mx.example.net.
      I'm afraid I wasn't able to deliver your message to the following addresses.

      <gone@example.com>:
      192.0.2.10 does not like recipient.
      Remote host said: 550 5.1.1 <gone@example.com>... User unknown

      From MAILER-DAEMON Mon Nov 23 10:05:00 2026
      From: postmaster@mx.example.net
      To: sender@example.org
      Subject: Delivery delayed

      This is a warning message only; delivery has been delayed. <late@example.com>
      421 4.4.2 Connection timed out
      """;

  /** core's bounce fixtures and synthetic set, plus odd and hostile inputs, by name. */
  static Map<String, byte[]> messages() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    Path dir = Golden.repoRoot().resolve("core/src/test/resources/bounce");
    for (Path d : List.of(dir, dir.resolve("synthetic"))) {
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          if (p.getFileName().toString().endsWith(".eml")) {
            m.put(p.getFileName().toString(), Files.readAllBytes(p));
          }
        }
      }
    }
    m.put("odd-dsn.eml", crlf(ODD_DSN));
    m.put("empty.eml", new byte[0]);
    m.put("junk.bin", new byte[] {0, (byte) 0xff, 1, 2, '\n', 3});
    return m;
  }

  static byte[] crlf(String s) {
    return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> everyMessageMatchesTheSchemaAloneAndAsAJsonlLine() throws IOException {
    return messages().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      var report = EXPLAINER.explain(e.getValue());
                      Schemas.assertValid("bounce.schema.json", BounceJson.of(report, null, null));
                      String line =
                          Json.compact(BounceJson.of(report, "bounces/" + e.getKey(), null));
                      assertThat(line).doesNotContain("\n");
                      Schemas.assertValid("bounce.schema.json", Json.mapper().readTree(line));
                    }));
  }

  /**
   * {@code mxray bounce --dir --format json}: every fixture plus the members of an mbox, as one
   * batch.
   */
  static ObjectNode batch() throws IOException {
    List<ObjectNode> docs = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : messages().entrySet()) {
      docs.add(BounceJson.of(EXPLAINER.explain(e.getValue()), "bounces/" + e.getKey(), null));
    }
    Mbox.split(
        new ByteArrayInputStream(MBOX.getBytes(StandardCharsets.UTF_8)),
        (index, bytes) ->
            docs.add(BounceJson.of(EXPLAINER.explain(bytes), "bounces/inbox.mbox", index)));
    return BounceJson.batch(docs);
  }

  @Test
  void theDirectoryBatchMatchesTheSchema() throws IOException {
    ObjectNode b = batch();
    Schemas.assertValid("bounce.schema.json", b);
    JsonNode messages = b.get("messages");
    // Guard against a vacuous pass: the inputs really reach every shape the schema allows.
    assertThat(messages.findValuesAsText("kind"))
        .contains("dsn", "text-bounce", "feedback", "auto-reply", "not-a-bounce", "unreadable");
    assertThat(messages.findValuesAsText("message")).contains("1", "2");
    assertThat(messages.findValues("replyCode"))
        .anyMatch(JsonNode::isInt)
        .anyMatch(JsonNode::isNull);
    assertThat(messages.findValues("status"))
        .anyMatch(JsonNode::isTextual)
        .anyMatch(JsonNode::isNull);
    assertThat(messages.findValuesAsText("hardBounce")).contains("true", "false");
    assertThat(messages.findValues("feedbackType")).anyMatch(JsonNode::isTextual);
    // The per-recipient details reach the output for real bounces, and are null where absent.
    assertThat(messages.findValues("originalRecipient")).anyMatch(JsonNode::isTextual);
    assertThat(messages.findValues("messageId")).anyMatch(JsonNode::isTextual);
    assertThat(messages.findValues("listId")).anyMatch(JsonNode::isTextual);
    assertThat(messages.findValues("date")).anyMatch(JsonNode::isTextual);
    assertThat(messages.findValues("dedupKey")).anyMatch(JsonNode::isTextual);
    assertThat(messages.findValues("mta")).anyMatch(JsonNode::isTextual).anyMatch(JsonNode::isNull);
  }

  @Test
  void rejectsBounceDocumentsThatBreakTheContract() throws IOException {
    ObjectNode good =
        BounceJson.of(EXPLAINER.explain(messages().get("dsn-two-recipients.eml")), "a.eml", null);
    Schemas.assertValid("bounce.schema.json", good);

    ObjectNode reason = good.deepCopy();
    ((ObjectNode) reason.get("recipients").get(0)).put("reason", "user_unknown");
    Schemas.assertRejected("bounce.schema.json", reason, "$.recipients[0].reason");

    ObjectNode status = good.deepCopy();
    ((ObjectNode) status.get("recipients").get(0)).put("status", "5.1");
    Schemas.assertRejected("bounce.schema.json", status, "$.recipients[0].status");

    ObjectNode reply = good.deepCopy();
    ((ObjectNode) reply.get("recipients").get(0)).put("replyCode", "550");
    Schemas.assertRejected("bounce.schema.json", reply, "$.recipients[0].replyCode");

    ObjectNode kind = good.deepCopy();
    kind.put("kind", "DSN");
    Schemas.assertRejected("bounce.schema.json", kind, "$.kind");

    ObjectNode advice = good.deepCopy();
    ((ObjectNode) advice.get("recipients").get(0).get("advice")).remove("retry");
    Schemas.assertRejected("bounce.schema.json", advice, "retry");

    ObjectNode key = good.deepCopy();
    ((ObjectNode) key.get("recipients").get(0)).put("dedupKey", "not-a-key");
    Schemas.assertRejected("bounce.schema.json", key, "$.recipients[0].dedupKey");

    ObjectNode unnamed = batch();
    ((ObjectNode) unnamed.get("messages").get(0)).remove("file");
    Schemas.assertRejected("bounce.schema.json", unnamed, "file");
  }
}
