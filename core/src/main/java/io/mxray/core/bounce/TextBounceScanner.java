package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovers recipients and their diagnostics from bounces that carry no machine-readable part
 * (qmail, Exim, old Sendmail, Exchange 2003, web-mail services): the status is only in the text.
 * Generic: it looks for failed addresses where MTAs put them (an address alone on a line, {@code
 * <x>:} or {@code <x>...} at the start of a line, {@code RCPT TO:<x>}) and takes the lines up to
 * the next one as that recipient's diagnostic.
 */
final class TextBounceScanner {

  /** Lines that start the returned original message; scanning stops there. */
  private static final Pattern ORIGINAL =
      Pattern.compile(
          "(?im)^[ \\t>]*(?:[-=_*#]{2,}.{0,40}(?:original|unsent|returned|copy of|header|message follows|"
              + "rfc822|undelivered message|sent message)|message headers follow|original message headers|"
              + "content-type: message/(?:rfc822|delivery-status)|"
              + "(?:the )?(?:original|returned) message (?:follows|headers)|"
              + "-+ ?(?:元のメッセージ|original message) ?-+|"
              + "\\|{3,}).*$");

  private static final Pattern ALONE =
      Pattern.compile("^[ \\t>*-]*<?(" + DsnParser.ADDRESS.pattern() + ")>?\\s*:?\\s*$");
  private static final Pattern LEADING =
      Pattern.compile(
          "^[ \\t>*-]*(?:\\d{3}[ -]+)?(?:(?:\\d{3}\\s+)?[\"']?<("
              + DsnParser.ADDRESS.pattern()
              + ")>[\"']?\\s*(?::|\\.\\.\\.|,|\\s-|\\s\\()|("
              + DsnParser.ADDRESS.pattern()
              + ")\\s*(?:\\.\\.\\.|:\\s))");
  private static final Pattern LINE_START =
      Pattern.compile("^\\s*[\"'<]?(" + DsnParser.ADDRESS.pattern() + ")[\"'>]?(?:\\s|:|,|$)");
  private static final Pattern RCPT =
      Pattern.compile(
          "(?i)(?:rcpt to:?\\s*<|to:\\s*<|recipient:?\\s*<?|address(?:es)?:?\\s*<|addressed to\\s*<?|"
              + "delivery to\\s*<?|deliver(?:ed|ing)? (?:your )?(?:mail |message )?to\\s*<?|"
              + "for\\s*<|user\\s*<|mailbox\\s*<)("
              + DsnParser.ADDRESS.pattern()
              + ")");
  private static final Pattern COMMAND =
      Pattern.compile(
          "(?i)\\b(?:after|in reply to|while sending|did not like (?:our)?|in response to|during)\\s+(?:end of\\s+)?"
              + "(?:the\\s+)?(rcpt|mail|data|helo|ehlo|connect|starttls|final data|end of data|initial connection)\\b|>>>\\s*(RCPT|MAIL|DATA|HELO|EHLO)"
              + "|\\b(RCPT)[ _]TO\\b|\\b(MAIL) FROM:");
  private static final Pattern SENDER_INTRO =
      Pattern.compile("(?i)(sent by|sender|from)\\s*:?\\s*$");
  private static final Pattern DELAYED =
      Pattern.compile(
          "(?i)warning message only|(has been|is|was) delayed|delivery (is )?delayed|not yet (been )?delivered|"
              + "have not yet received|notification about a delay|will (continue|keep) (trying|to try)|"
              + "still (trying|being retried)|delayed for more than|no need to resend");
  private static final Pattern IGNORED =
      Pattern.compile(
          "(?i)^(mailer-daemon|postmaster|mail-daemon|root|noreply|no-reply|abuse|double-bounce)@");

  private TextBounceScanner() {}

  /** The human-readable part: everything before the copy of the original message. */
  static String cutOriginal(String text) {
    Matcher m = ORIGINAL.matcher(text);
    int from = 0;
    while (m.find()) {
      // A marker right at the top (e.g. a heading) leaves nothing: keep looking further down.
      if (m.start() - from > 40 || text.substring(0, m.start()).trim().length() > 40) {
        return text.substring(0, m.start());
      }
    }
    return text;
  }

  static List<BounceRecipient> scan(
      String text, String subject, String from, List<String> exclude, List<String> failedHeader) {
    String human = cutOriginal(unquote(text));
    String[] lines = human.split("\\r?\\n");
    Map<String, Integer> anchors = new LinkedHashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int prev = i - 1;
      while (prev >= 0 && lines[prev].isBlank()) {
        prev--;
      }
      if (prev >= 0 && SENDER_INTRO.matcher(lines[prev]).find()) {
        // "A message sent by\n  <sender>\ncould not be delivered": the sender, not a recipient.
        continue;
      }
      for (Pattern p : new Pattern[] {ALONE, LEADING, LINE_START}) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          String a = m.group(1) != null ? m.group(1) : m.group(2);
          if (a != null) {
            add(anchors, a, i, exclude);
          }
        }
      }
      Matcher r = RCPT.matcher(line);
      while (r.find()) {
        add(anchors, r.group(1), i, exclude);
      }
    }
    for (String f : failedHeader) {
      if (!containsIgnoreCase(anchors, f)) {
        anchors.put(f, indexOfAddress(lines, f));
      }
    }
    if (anchors.isEmpty()) {
      // Last resort: the first address in the text that is not the sender or a robot.
      for (int i = 0; i < lines.length && anchors.isEmpty(); i++) {
        Matcher m = DsnParser.ADDRESS.matcher(lines[i]);
        while (m.find()) {
          add(anchors, m.group(), i, exclude);
          if (!anchors.isEmpty()) {
            break;
          }
        }
      }
    }
    List<Map.Entry<String, Integer>> list = new ArrayList<>(anchors.entrySet());
    // Recipients are reported in the order the text names them.
    list.sort(Map.Entry.comparingByValue());
    List<BounceRecipient> out = new ArrayList<>();
    for (int k = 0; k < list.size(); k++) {
      int startLine = Math.max(0, list.get(k).getValue());
      int endLine =
          k + 1 < list.size() ? Math.max(startLine + 1, list.get(k + 1).getValue()) : lines.length;
      if (k + 1 < list.size() && list.get(k + 1).getValue().equals(list.get(k).getValue())) {
        endLine = startLine + 1;
      }
      String segment = join(lines, startLine, endLine);
      String transcript = sendmailTranscript(lines, list, k);
      if (transcript != null) {
        out.add(recipient(list.get(k).getKey(), transcript));
        continue;
      }
      String own =
          segment
              .replaceAll("(?i)" + java.util.regex.Pattern.quote(list.get(k).getKey()), "")
              .replaceAll("[^\\p{L}]+", "");
      if (!hasCode(segment) && own.length() < 12) {
        // The diagnostic sits elsewhere (before the address, or in a transcript): use the whole
        // text.
        String mentions = linesMentioning(lines, list.get(k).getKey());
        segment = hasCode(mentions) ? mentions : human;
      }
      out.add(recipient(list.get(k).getKey(), segment));
    }
    return out;
  }

  /**
   * Sendmail's "NNN <address>... text" line: the last line of one recipient's part of a transcript.
   */
  private static final Pattern SENDMAIL_RCPT_LINE = Pattern.compile("^\\d{3} <[^>]+>\\.\\.\\. ");

  /**
   * In a Sendmail transcript ("While talking to host:" followed by {@code >>>} commands and {@code
   * <<<} replies), the dialogue comes before the "NNN <address>... text" line it explains, and the
   * lines after that line belong to the next recipient. Returns the recipient's own dialogue and
   * line, or null when {@code k} is not such a recipient.
   */
  private static String sendmailTranscript(
      String[] lines, List<Map.Entry<String, Integer>> anchors, int k) {
    int at = anchors.get(k).getValue();
    if (at < 0 || at >= lines.length || !SENDMAIL_RCPT_LINE.matcher(lines[at].trim()).find()) {
      return null;
    }
    int first = -1;
    for (int i = at; i >= 0; i--) {
      if (lines[i].startsWith("While talking to ")) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return null;
    }
    int previous = k > 0 ? anchors.get(k - 1).getValue() : -1;
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(first, previous + 1); i < at; i++) {
      String l = lines[i].trim();
      if (l.startsWith(">>> ") || l.startsWith("<<< ")) {
        b.append(l).append('\n');
      }
    }
    return b.append(lines[at].trim()).toString();
  }

  private static BounceRecipient recipient(String address, String segment) {
    String diag = DsnParser.oneLine(segment, 4000);
    String status = EnhancedStatus.find(diag).map(EnhancedStatus::toString).orElse("");
    int reply = DeliveryStatus.replyCode(diag);
    String action = DELAYED.matcher(diag).find() ? "delayed" : "failed";
    return new BounceRecipient(address, action, status, reply, diag, "", command(diag));
  }

  /** A bounce forwarded inline ("> " quoted) is read without the quote marks. */
  static String unquote(String text) {
    String[] lines = text.split("\\r?\\n", -1);
    int quoted = 0;
    int nonBlank = 0;
    for (String l : lines) {
      if (!l.isBlank()) {
        nonBlank++;
        if (l.startsWith(">")) {
          quoted++;
        }
      }
    }
    if (nonBlank == 0 || quoted * 10 < nonBlank * 3) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    for (String l : lines) {
      b.append(l.startsWith("> ") ? l.substring(2) : l.startsWith(">") ? l.substring(1) : l)
          .append('\n');
    }
    return b.toString();
  }

  /**
   * The lines that belong to {@code address} in a human-readable text, for DSNs without
   * Diagnostic-Code.
   */
  static String segmentFor(String human, String address) {
    if (human.isBlank()) {
      return "";
    }
    String[] lines = human.split("\\r?\\n");
    String mentions = address.isEmpty() ? "" : linesMentioning(lines, address);
    if (hasCode(mentions)) {
      return mentions;
    }
    return human.length() > 4000 ? human.substring(0, 4000) : human;
  }

  static boolean hasDiagnostic(List<BounceRecipient> rs) {
    return rs.stream().anyMatch(r -> !r.status().isEmpty() || r.replyCode() > 0);
  }

  static String command(String diagnostic) {
    Matcher m = COMMAND.matcher(diagnostic);
    if (!m.find()) {
      return "";
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        String c = m.group(g).toUpperCase(Locale.ROOT);
        if (c.contains("DATA")) {
          return "DATA";
        }
        return c.equals("CONNECT") || c.equals("INITIAL CONNECTION") ? "CONN" : c;
      }
    }
    return "";
  }

  private static boolean hasCode(String s) {
    return EnhancedStatus.find(s).isPresent() || DeliveryStatus.replyCode(s) > 0;
  }

  private static String linesMentioning(String[] lines, String address) {
    StringBuilder b = new StringBuilder();
    String lower = address.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].toLowerCase(Locale.ROOT).contains(lower)) {
        b.append(lines[i]).append('\n');
        if (i + 1 < lines.length && !lines[i + 1].isBlank()) {
          b.append(lines[i + 1]).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static void add(
      Map<String, Integer> anchors, String address, int line, List<String> exclude) {
    String a = address.replaceAll("^[.]+|[.]+$", "");
    if (anchors.size() >= DsnParser.MAX_RECIPIENTS
        || IGNORED.matcher(a).find()
        || containsIgnoreCase(anchors, a)) {
      return;
    }
    for (String e : exclude) {
      if (e.equalsIgnoreCase(a)) {
        return;
      }
    }
    anchors.put(a, line);
  }

  private static boolean containsIgnoreCase(Map<String, Integer> anchors, String a) {
    return anchors.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(a));
  }

  private static int indexOfAddress(String[] lines, String a) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].toLowerCase(Locale.ROOT).contains(a.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return lines.length;
  }

  private static String join(String[] lines, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < Math.min(to, lines.length); i++) {
      b.append(lines[i]).append('\n');
    }
    return b.toString();
  }
}
