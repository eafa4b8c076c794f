package io.mxray.core.bounce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Amazon SES event notification (docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 * and event-publishing-retrieving-sns-contents.html): a JSON object with {@code notificationType}
 * (or {@code eventType}) {@code Bounce}, {@code Complaint} or {@code Delivery}, delivered by e-mail
 * through SNS — raw, or wrapped in the SNS envelope whose {@code Message} is that JSON as a string.
 * SNS e-mail wraps long lines by inserting {@code "!\n "}, which is undone first. Jackson reads the
 * JSON (a parser that is fuzzed and bounded beats a hand-written one); nesting and size are capped.
 */
final class SesNotification {

  /** Characters of JSON read at most. */
  static final int MAX_JSON = 512 * 1024;

  /** Built on first use: most bounces are not SES notifications. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
  }

  /** What the notification says. */
  record Parsed(
      String type,
      String feedbackType,
      List<BounceRecipient> recipients,
      OriginalMessage original,
      String timestamp) {}

  private SesNotification() {}

  /** Whether the text looks like it carries an SES notification. */
  static boolean looksLike(String text) {
    boolean raw =
        (text.contains("\"notificationType\"") || text.contains("\"eventType\""))
            && text.contains("\"mail\"");
    boolean wrapped =
        (text.contains("\\\"notificationType\\\"") || text.contains("\\\"eventType\\\""))
            && text.contains("\\\"mail\\\"");
    return raw || wrapped;
  }

  static Optional<Parsed> parse(String text) {
    String t = text.length() > MAX_JSON ? text.substring(0, MAX_JSON) : text;
    t = t.replace("!\r\n ", "").replace("!\n ", "");
    int start = t.indexOf('{');
    while (start >= 0) {
      int end = matchingBrace(t, start);
      if (end < 0) {
        return Optional.empty();
      }
      Optional<Parsed> p = read(t.substring(start, end + 1), 0);
      if (p.isPresent()) {
        return p;
      }
      start = t.indexOf('{', end + 1);
    }
    return Optional.empty();
  }

  private static Optional<Parsed> read(String json, int depth) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (n == null || !n.isObject()) {
      return Optional.empty();
    }
    if (depth == 0
        && n.path("Message").isTextual()
        && n.path("Type").asText().equals("Notification")) {
      // The SNS envelope: the SES event is a JSON string inside it.
      return read(n.path("Message").asText(), 1);
    }
    String type = n.path("notificationType").asText(n.path("eventType").asText(""));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    JsonNode mail = n.path("mail");
    OriginalMessage original = original(mail);
    String ts = "";
    List<BounceRecipient> rs = new ArrayList<>();
    String feedbackType = "";
    switch (type.toLowerCase(Locale.ROOT)) {
      case "bounce" -> {
        JsonNode b = n.path("bounce");
        ts = b.path("timestamp").asText("");
        String reporting = DeliveryStatus.typed(b.path("reportingMTA").asText(""));
        String bounceType =
            b.path("bounceType").asText("") + "/" + b.path("bounceSubType").asText("");
        for (JsonNode r : iterable(b.path("bouncedRecipients"))) {
          String diagnostic = DeliveryStatus.typed(text(r.path("diagnosticCode"), 4000));
          String rawDiag = text(r.path("diagnosticCode"), 4000);
          String status = text(r.path("status"), 20);
          String action = text(r.path("action"), 20).toLowerCase(Locale.ROOT);
          if (action.isEmpty()) {
            action =
                b.path("bounceType").asText("").equalsIgnoreCase("Transient")
                    ? "delayed"
                    : "failed";
          }
          rs.add(
              new BounceRecipient(
                  Addresses.first(text(r.path("emailAddress"), 400)),
                  action,
                  DeliveryStatus.effectiveStatus(
                      EnhancedStatus.find(status).map(Object::toString).orElse(""), diagnostic),
                  DeliveryStatus.replyCode(diagnostic),
                  diagnostic,
                  b.path("remoteMtaIp").asText(""),
                  "",
                  DeliveryStatus.typeOf(rawDiag),
                  "",
                  reporting,
                  bounceType));
        }
      }
      case "complaint" -> {
        JsonNode c = n.path("complaint");
        ts = c.path("timestamp").asText("");
        feedbackType = c.path("complaintFeedbackType").asText("abuse").toLowerCase(Locale.ROOT);
        for (JsonNode r : iterable(c.path("complainedRecipients"))) {
          rs.add(
              new BounceRecipient(
                  Addresses.first(text(r.path("emailAddress"), 400)), "", "", 0, "", "", ""));
        }
      }
      case "delivery" -> {
        JsonNode d = n.path("delivery");
        ts = d.path("timestamp").asText("");
        String response = text(d.path("smtpResponse"), 4000);
        String reporting = d.path("reportingMTA").asText("");
        for (JsonNode r : iterable(d.path("recipients"))) {
          rs.add(
              new BounceRecipient(
                  Addresses.first(text(r, 400)),
                  "delivered",
                  EnhancedStatus.find(response).map(Object::toString).orElse("2.0.0"),
                  DeliveryStatus.replyCode(response),
                  response,
                  d.path("remoteMtaIp").asText(""),
                  "",
                  "SMTP",
                  "",
                  reporting,
                  ""));
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    if (rs.size() > DsnParser.MAX_RECIPIENTS) {
      rs = rs.subList(0, DsnParser.MAX_RECIPIENTS);
    }
    return Optional.of(new Parsed(type, feedbackType, rs, original, ts));
  }

  private static OriginalMessage original(JsonNode mail) {
    JsonNode common = mail.path("commonHeaders");
    String messageId = text(common.path("messageId"), 998);
    String listId = "";
    for (JsonNode h : iterable(mail.path("headers"))) {
      String name = h.path("name").asText("");
      if (messageId.isEmpty() && name.equalsIgnoreCase("Message-ID")) {
        messageId = text(h.path("value"), 998);
      } else if (name.equalsIgnoreCase("List-Id")) {
        listId = text(h.path("value"), 998);
      }
    }
    if (messageId.isEmpty()) {
      messageId = text(mail.path("messageId"), 998);
    }
    String from = "";
    JsonNode f = common.path("from");
    if (f.isArray() && f.size() > 0) {
      from = Addresses.first(text(f.get(0), 998));
    }
    if (from.isEmpty()) {
      from = Addresses.first(text(mail.path("source"), 998));
    }
    return new OriginalMessage(
        DsnParser.messageId(messageId),
        from,
        text(common.path("subject"), 998),
        DsnParser.listId(listId));
  }

  private static Iterable<JsonNode> iterable(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      for (int i = 0; i < n.size() && i < DsnParser.MAX_RECIPIENTS + 1; i++) {
        out.add(n.get(i));
      }
    }
    return out;
  }

  private static String text(JsonNode n, int max) {
    String s = n == null || n.isNull() || n.isMissingNode() ? "" : n.asText("");
    return s.length() > max ? s.substring(0, max) : s;
  }

  /** Index of the brace closing the object opened at {@code start}, or -1 (strings respected). */
  private static int matchingBrace(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (++depth > 64) {
          return -1;
        }
      } else if (c == '}') {
        if (--depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
