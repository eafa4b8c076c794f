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
 * lines. Each recipient gets only its own block's fields and its own lines of the human-readable
 * text, never another recipient's. Linear in the size of the part; every value is capped.
 */
final class DeliveryStatus {

  /** Characters kept of one field value (a folded Diagnostic-Code can be long, not unbounded). */
  static final int MAX_VALUE = 4000;

  /** Reply codes (RFC 5321 §4.2) with a boundary before and after. */
  private static final Pattern REPLY_CODE =
      Pattern.compile("(?:^|[\\s:;(\\[\"'<#=])([245][0-5]\\d)(?=[\\s\\-.:;,\\])'\"]|$)");

  /** The enhanced status right after a reply code: "550 5.1.1", "550-5.1.1", "550-'5.7.1". */
  private static final Pattern STATUS_AFTER_REPLY =
      Pattern.compile(
          "(?:^|[^\\d])[45][0-5]\\d[ \\-]['\"#(]?([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d])");

  /**
   * The reply codes SMTP and its extensions define (RFC 5321 §4.2.2-4.2.3, RFC 4954, RFC 3030, RFC
   * 7504, RFC 6531): "Size (in bytes): 512" in a notice is not a reply.
   */
  private static final java.util.Set<Integer> REPLY_CODES =
      java.util.Set.of(
          211, 214, 220, 221, 250, 251, 252, 421, 432, 450, 451, 452, 453, 454, 455, 458, 459, 500,
          501, 502, 503, 504, 521, 523, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556, 557);

  private DeliveryStatus() {}

  /**
   * Every field of a header-like block (folded lines joined), names lower-case, values in order,
   * each value at most {@link #MAX_VALUE} characters.
   */
  static Map<String, List<String>> fields(String block) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : Lines.split(block)) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        if (value.length() < MAX_VALUE) {
          value.append(' ').append(line.trim());
        }
        continue;
      }
      if (name != null) {
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(cap(value.toString().trim()));
        name = null;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && colon < 80 && isFieldName(line, colon)) {
        name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        value.setLength(0);
        value.append(line, colon + 1, line.length());
      }
    }
    if (name != null) {
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(cap(value.toString().trim()));
    }
    return out;
  }

  private static boolean isFieldName(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String cap(String s) {
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
  }

  /**
   * The blocks of a delivery-status body. Some MTAs omit the blank line between recipients, so a
   * second Final-Recipient (or Original-Recipient) in the same block starts a new one.
   */
  static List<String> blocks(String body) {
    List<String> blocks = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean hasFinal = false;
    boolean hasOriginal = false;
    for (String line : Lines.split(body)) {
      boolean isFinal = startsWithIgnoreCase(line, "final-recipient:");
      boolean isOriginal = startsWithIgnoreCase(line, "original-recipient:");
      boolean startsRecipient = (isFinal && hasFinal) || (isOriginal && hasOriginal);
      if (line.isBlank() || startsRecipient) {
        if (cur.length() > 0) {
          blocks.add(cur.toString());
          cur.setLength(0);
          hasFinal = false;
          hasOriginal = false;
          if (blocks.size() > DsnParser.MAX_RECIPIENTS + 1) {
            return blocks;
          }
        }
        if (line.isBlank()) {
          continue;
        }
      }
      hasFinal |= isFinal;
      hasOriginal |= isOriginal;
      cur.append(line).append('\n');
    }
    if (cur.length() > 0) {
      blocks.add(cur.toString());
    }
    return blocks;
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /**
   * Per-recipient blocks as recipients; {@code human} supplies a recipient's diagnostic (its own
   * lines only) when the block has none.
   */
  static List<BounceRecipient> recipients(String body, HumanText human) {
    List<BounceRecipient> out = new ArrayList<>();
    String reportingMta = "";
    List<Map<String, List<String>>> recipientBlocks = new ArrayList<>();
    for (String block : blocks(body)) {
      Map<String, List<String>> f = fields(block);
      if (!f.containsKey("final-recipient") && !f.containsKey("original-recipient")) {
        if (reportingMta.isEmpty()) {
          reportingMta = typed(first(f, "reporting-mta"));
        }
        continue;
      }
      recipientBlocks.add(f);
    }
    int total = recipientBlocks.size();
    for (Map<String, List<String>> f : recipientBlocks) {
      String finalRcpt = cleanAddress(typed(first(f, "final-recipient")));
      String originalRcpt = cleanAddress(typed(first(f, "original-recipient")));
      String address = Addresses.any(finalRcpt) ? finalRcpt : originalRcpt;
      if (address.isEmpty()) {
        address = finalRcpt;
      }
      String action = first(f, "action").toLowerCase(Locale.ROOT).replaceAll("\\s.*", "");
      String reported =
          EnhancedStatus.find(first(f, "status")).map(EnhancedStatus::toString).orElse("");
      String rawDiagnostic = String.join(" ", f.getOrDefault("diagnostic-code", List.of()));
      String diagnostic = withoutStatusTitle(typed(rawDiagnostic));
      String diagnosticType = typeOf(rawDiagnostic);
      String remoteMta = typed(first(f, "remote-mta"));
      String statusComment = statusComment(first(f, "status"));
      String own = human.segmentFor(address, total);
      if (diagnostic.isBlank() && !statusComment.isEmpty()) {
        // "Status: 4.0.0 (cat.example.net: host name lookup failure)": the MTA's own words for this
        // recipient, more precise than the whole human-readable text.
        diagnostic = statusComment;
      } else if (diagnostic.isBlank()) {
        diagnostic = own;
      } else if (!statusComment.isEmpty()
          && !diagnostic
              .toLowerCase(Locale.ROOT)
              .contains(statusComment.toLowerCase(Locale.ROOT))) {
        // PowerMTA and others explain the status in a comment ("5.2.1 (mailbox disabled, not
        // accepting messages)") that the remote reply does not repeat.
        diagnostic = diagnostic + " (" + statusComment + ")";
      }
      String mda = localDeliveryAgentLine(human.localAgentText(address, total));
      if (!mda.isEmpty() && !diagnostic.contains(mda)) {
        // The local delivery agent's own words ("mail.local: unknown user: x") name the cause; the
        // SMTP line after them ("554 <x>... Service unavailable") only reports that it failed.
        diagnostic = mda + " " + diagnostic;
      }
      diagnostic = Lines.oneLine(diagnostic, MAX_VALUE);
      String command = TextBounceScanner.command(diagnostic);
      if (command.isEmpty()) {
        // Postfix and others say "(in reply to RCPT TO command)" only in the human-readable part.
        command = TextBounceScanner.command(own);
      }
      if (remoteMta.isEmpty()) {
        remoteMta = TextBounceScanner.remoteHost(own);
      }
      out.add(
          new BounceRecipient(
              address,
              action,
              effectiveStatus(reported, diagnostic),
              replyCode(diagnostic),
              diagnostic,
              remoteMta,
              command,
              diagnosticType,
              originalRcpt,
              reportingMta,
              ""));
    }
    return out;
  }

  private static final Pattern STATUS_TITLE =
      Pattern.compile(
          "^[245]\\.\\d{1,3}\\.\\d{1,3} - [A-Za-z][A-Za-z ]{2,60}? (?=[245]\\d\\d[ -])");

  /**
   * The remote server's words without the reporting MTA's title of the status in front of them
   * (Amazon SES writes "5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'"): that title
   * restates the class of a code, the reply after it is the cause.
   */
  static String withoutStatusTitle(String diagnostic) {
    Matcher m = STATUS_TITLE.matcher(diagnostic);
    return m.find() ? diagnostic.substring(m.end()) : diagnostic;
  }

  /**
   * The status that says most: the remote server's code right after its reply code ("550 5.1.1"),
   * the reported Status, or the first code of the diagnostic; the first of these that is specific
   * (not X.0.0) wins, else the first stated. RFC 3463 §2: a generic detail says less than a
   * specific one; the remote server knows better than the reporting MTA's summary.
   */
  static String effectiveStatus(String reported, String diagnostic) {
    String afterReply = "";
    Matcher m = STATUS_AFTER_REPLY.matcher(diagnostic);
    if (m.find()) {
      afterReply = m.group(1);
    }
    String firstInText = EnhancedStatus.find(diagnostic).map(EnhancedStatus::toString).orElse("");
    String[] candidates = {afterReply, reported, firstInText};
    for (String c : candidates) {
      if (!c.isEmpty() && !c.endsWith(".0.0")) {
        return c;
      }
    }
    for (String c : candidates) {
      if (!c.isEmpty()) {
        return c;
      }
    }
    return "";
  }

  /**
   * Local delivery agents that write their own error line into the transcript (Sendmail's
   * mail.local, procmail, maildrop, vpopmail's vdelivermail, vmailmgr's vdeliver).
   */
  private static final Pattern MDA_LINE =
      Pattern.compile(
          "^\\s*((?:mail\\.local|procmail|maildrop|vdelivermail|vdeliver): [^\\n]{1,300})$",
          Pattern.MULTILINE);

  /** The first line of a local delivery agent's error in a recipient's text, or "". */
  static String localDeliveryAgentLine(String text) {
    Matcher m = MDA_LINE.matcher(text.length() > 20_000 ? text.substring(0, 20_000) : text);
    return m.find() ? m.group(1).trim() : "";
  }

  /**
   * The first reply code of a diagnostic. A 2xx code counts only at the very start: a delivery
   * report quotes "250 OK", while "Size (in bytes): 222" in a failure text is not a reply.
   */
  static int replyCode(String text) {
    int lead = 0;
    while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
      lead++;
    }
    Matcher m = REPLY_CODE.matcher(text);
    while (m.find()) {
      int code = Integer.parseInt(m.group(1));
      if (REPLY_CODES.contains(code) && (code >= 400 || m.start(1) == lead)) {
        return code;
      }
    }
    return 0;
  }

  private static String cleanAddress(String a) {
    String found = Addresses.first(a);
    if (!found.isEmpty()) {
      return found;
    }
    String s = a.replace("<", "").replace(">", "").replace("\"", "").trim();
    return s.length() > 320 ? s.substring(0, 320) : s;
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
      Pattern.compile("^\\s*\\d\\.\\d{1,3}\\.\\d{1,3}\\s*\\(([^()]{1,500})\\)\\s*$");
  private static final Pattern GENERIC_COMMENT =
      Pattern.compile(
          "(?i)(permanent|temporary|transient) (failure|error)|(other or )?undefined( \\w+){0,3} status|success");

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
