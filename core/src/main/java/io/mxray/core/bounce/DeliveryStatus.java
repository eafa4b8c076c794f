package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of an RFC 3464 §2.1 {@code message/delivery-status} part: one block of per-message
 * fields, then one block of per-recipient fields for each recipient, blocks separated by blank
 * lines.
 */
final class DeliveryStatus {

  private static final Pattern REPLY_CODE =
      Pattern.compile("(?:^|[\\s:;(\\[\"'<])([245][0-5]\\d)(?=[\\s-]|$)");

  private DeliveryStatus() {}

  /**
   * Every field of a header-like block (folded lines joined), names lower-case, values in order.
   */
  static Map<String, List<String>> fields(String block) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : block.split("\\r?\\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.trim());
        continue;
      }
      if (name != null) {
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());
        name = null;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9-]+")) {
        name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        value.setLength(0);
        value.append(line.substring(colon + 1).trim());
      }
    }
    if (name != null) {
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());
    }
    return out;
  }

  /**
   * Per-recipient blocks as recipients; {@code humanText} supplies a diagnostic when the DSN has
   * none.
   */
  static List<BounceRecipient> recipients(String body, String humanText) {
    List<BounceRecipient> out = new ArrayList<>();
    String remoteMtaDefault = "";
    // Blocks are separated by blank lines; some MTAs omit them, so a new Final-Recipient also
    // starts one.
    List<String> blocks = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : body.split("\\r?\\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      String curLower = cur.toString().toLowerCase(Locale.ROOT);
      // Some MTAs omit the blank line between recipients: a repeated recipient field starts a new
      // block.
      boolean startsRecipient =
          (lower.startsWith("final-recipient:") && curLower.contains("final-recipient:"))
              || (lower.startsWith("original-recipient:")
                  && curLower.contains("original-recipient:"));
      if (line.isBlank() || startsRecipient) {
        if (cur.length() > 0) {
          blocks.add(cur.toString());
          cur.setLength(0);
        }
        if (line.isBlank()) {
          continue;
        }
      }
      cur.append(line).append('\n');
    }
    if (cur.length() > 0) {
      blocks.add(cur.toString());
    }
    for (String block : blocks) {
      Map<String, List<String>> f = fields(block);
      if (!f.containsKey("final-recipient") && !f.containsKey("original-recipient")) {
        remoteMtaDefault =
            first(f, "reporting-mta").isEmpty() ? remoteMtaDefault : remoteMtaDefault;
        continue;
      }
      String address = typed(first(f, "final-recipient"));
      if (address.isEmpty() || DsnParser.ADDRESS.matcher(address).results().findAny().isEmpty()) {
        String orig = typed(first(f, "original-recipient"));
        if (!orig.isEmpty()) {
          address = orig;
        }
      }
      address = cleanAddress(address);
      String action = first(f, "action").toLowerCase(Locale.ROOT).replaceAll("\\s.*", "");
      String status =
          EnhancedStatus.find(first(f, "status")).map(EnhancedStatus::toString).orElse("");
      String rawDiagnostic = String.join(" ", f.getOrDefault("diagnostic-code", List.of()));
      String diagnostic = typed(rawDiagnostic);
      String diagnosticType = typeOf(rawDiagnostic);
      String remoteMta = typed(first(f, "remote-mta"));
      String statusComment = statusComment(first(f, "status"));
      if (diagnostic.isBlank() && !statusComment.isEmpty()) {
        // "Status: 4.0.0 (cat.example.net: host name lookup failure)": the MTA's own words for this
        // recipient, more precise than the whole human-readable text.
        diagnostic = statusComment;
      } else if (diagnostic.isBlank()) {
        diagnostic = TextBounceScanner.segmentFor(humanText, address);
      } else if (!statusComment.isEmpty()
          && !diagnostic
              .toLowerCase(Locale.ROOT)
              .contains(statusComment.toLowerCase(Locale.ROOT))) {
        // PowerMTA and others explain the status in a comment ("5.2.1 (mailbox disabled, not
        // accepting
        // messages)") that the remote reply does not repeat.
        diagnostic = diagnostic + " (" + statusComment + ")";
      }
      String mda = localDeliveryAgentLine(humanText);
      if (!mda.isEmpty() && !diagnostic.contains(mda)) {
        // The local delivery agent's own words ("mail.local: unknown user: x") name the cause; the
        // SMTP
        // line after them ("554 <x>... Service unavailable") only reports that delivery failed.
        diagnostic = mda + " " + diagnostic;
      }
      int reply = replyCode(diagnostic);
      String command = TextBounceScanner.command(diagnostic);
      if (command.isEmpty()) {
        // Postfix and others say "(in reply to RCPT TO command)" only in the human-readable part.
        command = TextBounceScanner.command(TextBounceScanner.segmentFor(humanText, address));
      }
      out.add(
          new BounceRecipient(
              address,
              action,
              status,
              reply,
              DsnParser.oneLine(diagnostic, 4000),
              remoteMta,
              command,
              diagnosticType));
    }
    return out;
  }

  /**
   * Local delivery agents that write their own error line into the transcript (Sendmail's
   * mail.local, procmail, maildrop, vpopmail's vdelivermail, vmailmgr's vdeliver); Sisimai MDA
   * lists the same agents.
   */
  private static final Pattern MDA_LINE =
      Pattern.compile(
          "^\\s*((?:mail\\.local|procmail|maildrop|vdelivermail|vdeliver): .{1,300})$",
          Pattern.MULTILINE);

  /** The first line of a local delivery agent's error in the human-readable part, or "". */
  static String localDeliveryAgentLine(String humanText) {
    Matcher m =
        MDA_LINE.matcher(humanText.length() > 20_000 ? humanText.substring(0, 20_000) : humanText);
    return m.find() ? m.group(1).trim() : "";
  }

  static int replyCode(String text) {
    Matcher m = REPLY_CODE.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static String cleanAddress(String a) {
    Matcher m = DsnParser.ADDRESS.matcher(a);
    if (m.find()) {
      return m.group().replaceAll("^[.]+|[.]+$", "");
    }
    return a.replaceAll("[<>\"]", "").trim();
  }

  private static String first(Map<String, List<String>> f, String name) {
    List<String> v = f.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /**
   * The RFC 5322 comment after a Status code ("5.2.1 (mailbox disabled, not accepting messages)"),
   * or "" when there is none or it only restates the class ("permanent failure", "undefined
   * status").
   */
  static String statusComment(String statusField) {
    Matcher m = STATUS_COMMENT.matcher(statusField);
    if (!m.find()) {
      return "";
    }
    String c = m.group(1).trim();
    return GENERIC_COMMENT.matcher(c).matches() ? "" : (c.length() > 300 ? c.substring(0, 300) : c);
  }

  private static final Pattern STATUS_COMMENT =
      Pattern.compile("^\\s*\\d\\.\\d{1,3}\\.\\d{1,3}\\s*\\((.+)\\)\\s*$");
  private static final Pattern GENERIC_COMMENT =
      Pattern.compile(
          "(?i)(permanent|temporary|transient) (failure|error)|(other or )?undefined( \\w+)* status|success");

  /** The RFC 3464 type prefix, upper-case: "x-unix; 71" → "X-UNIX"; empty when there is none. */
  static String typeOf(String value) {
    int semi = value.indexOf(';');
    if (semi > 0 && semi < 20 && value.substring(0, semi).trim().matches("[A-Za-z0-9-]+")) {
      return value.substring(0, semi).trim().toUpperCase(Locale.ROOT);
    }
    return "";
  }

  /** Strips the RFC 3464 type prefix: "rfc822; x@y" → "x@y", "smtp; 550 ..." → "550 ...". */
  static String typed(String value) {
    int semi = value.indexOf(';');
    if (semi > 0 && semi < 20 && value.substring(0, semi).trim().matches("[A-Za-z0-9-]+")) {
      return value.substring(semi + 1).trim();
    }
    return value.trim();
  }
}
