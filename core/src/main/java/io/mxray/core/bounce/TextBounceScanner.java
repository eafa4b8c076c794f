package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovers recipients and their diagnostics from the human-readable text of a bounce (qmail, Exim,
 * old Sendmail, Exchange 2003, MailMarshal, Verizon, web-mail services, and the text part of any
 * DSN): it looks for failed addresses where MTAs put them (an address alone on a line, {@code <x>:}
 * or {@code <x>...} at the start of a line, after {@code RCPT TO:}, "Recipient:", "delivery to")
 * and takes the lines up to the next one as that recipient's own diagnostic. Lines before the first
 * recipient are shared by all (MailMarshal and Exchange state the error once, then list the
 * recipients); one recipient's lines are never given to another. Addresses are found by {@link
 * Addresses}' linear scanner; every line is capped ({@link Lines}); no pattern here can backtrack
 * over more than a bounded window.
 */
final class TextBounceScanner {

  /** Lines that start the returned original message; scanning stops there. */
  private static final Pattern ORIGINAL =
      Pattern.compile(
          "^[ \\t>]*+(?:[-=_*#]{2,}+.{0,40}?(?:original|unsent|returned|copy of|header|message follows|"
              + "rfc822|undelivered message|sent message)|message headers follow|original message headers|"
              + "content-type: message/(?:rfc822|delivery-status)|"
              + "(?:the )?(?:original|returned) message (?:follows|headers)|"
              + "-++ ?(?:元のメッセージ|original message) ?-|"
              + "below is a copy of the original message|included is a copy of the message header|"
              + "\\|{3})",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern SENDER_INTRO =
      Pattern.compile("(?i)(?:sent by|sender|from)\\s*+:?\\s*+$");

  /** What introduces a recipient address on the same line (the window before the address). */
  private static final Pattern INTRO =
      Pattern.compile(
          "(?i)(?:(?:rcpt to|recipient|addressed to|delivery to|deliver(?:ed|ing)? (?:your )?(?:mail |message )?to"
              + "|unable to deliver message to|could not be delivered to|undeliverable to|failed to deliver to):?\\s{0,4}<?"
              + "|(?:to:|address(?:es)?:?|for|user|mailbox)\\s{0,4}<)$");

  private static final Pattern COMMAND =
      Pattern.compile(
          "(?i)\\b(?:after|in reply to|while sending|did not like (?:our)?|in response to|during|following)\\s{1,20}(?:end of\\s{1,20})?"
              + "(?:the\\s{1,20})?(rcpt|mail|data|helo|ehlo|connect|starttls|final data|end of data|initial connection)\\b"
              + "|(?:>>>|<<<)\\s{0,20}(RCPT|MAIL|DATA|HELO|EHLO)\\b"
              // Yahoo's bracketed step; an address line "RCPT TO: x" or "MAIL FROM: x" alone names
              // no failure.
              + "|\\[(RCPT)_TO\\]|\\[(MAIL)_FROM\\]|smtp command:? (RCPT|MAIL|DATA|HELO|EHLO)\\b"
              // qmail-remote(8): which step of the dialogue the remote host refused.
              + "|does not like (recipient)\\.|(?:failed after I sent the )(message)\\.|but (sender) was rejected"
              + "|but my (name) was rejected|but (greeting) failed");

  /**
   * The host that answered, as MTAs name it in the text. Every alternative starts with a literal
   * and every repetition is possessive, so a long run of host-name characters is scanned once.
   */
  private static final Pattern REMOTE_HOST =
      Pattern.compile(
          "(?i)(?:\\bhost:?\\s([a-z0-9][a-z0-9.-]{0,253}+)\\s?\\[[0-9a-f.:]{3,45}+\\]"
              + "|while talking to ([a-z0-9][a-z0-9.-]{0,253}+)"
              + "|server ([a-z0-9][a-z0-9.-]{0,253}+)\\[[0-9a-f.:]{3,45}+\\] failed"
              + "|smtp server <([a-z0-9][a-z0-9.-]{0,253}+)>"
              + "|connected to ([0-9a-f.:]{3,45}+) but"
              + "|recipient domain [a-z0-9.-]{1,253}+ by ([a-z0-9][a-z0-9.-]{0,253}+))");

  /** "mx.example.net [192.0.2.1] did not like", "192.0.2.1 does not like": the words come after. */
  private static final Pattern HOST_BEFORE =
      Pattern.compile("(?i)([a-z0-9][a-z0-9.-]{0,253}+)(?: \\[[0-9a-f.:]{3,45}+\\])?+ $");

  private static final Pattern DELAYED =
      Pattern.compile(
          "(?i)warning message only|(?:has been|is|was) delayed|delivery (?:is )?delayed|not yet (?:been )?delivered|"
              + "have not yet received|notification about a delay|will (?:continue|keep) (?:trying|to try)|"
              + "still (?:trying|being retried)|delayed for more than|no need to resend|only a temporary failure");
  private static final Pattern IGNORED =
      Pattern.compile(
          "(?i)^(?:mailer-daemon|postmaster|mail-daemon|root|noreply|no-reply|abuse|double-bounce)@");

  /** Sendmail's "NNN <address>... text" line: the last line of a recipient's transcript part. */
  private static final Pattern SENDMAIL_RCPT_LINE =
      Pattern.compile("^\\d{3} <[^>\\n]{1,320}>\\.\\.\\. ");

  private TextBounceScanner() {}

  /** The human-readable part: everything before the copy of the original message. */
  static String cutOriginal(String text) {
    int pos = 0;
    int meaningful = 0; // non-blank characters seen before the current line
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      String line =
          end - pos > Lines.MAX_LINE
              ? text.substring(pos, pos + Lines.MAX_LINE)
              : text.substring(pos, end);
      // A marker right at the top (e.g. a heading) leaves nothing: keep looking further down.
      if (meaningful > 40 && ORIGINAL.matcher(line).lookingAt()) {
        return text.substring(0, pos);
      }
      for (int i = 0; i < line.length() && meaningful <= 40; i++) {
        if (!Character.isWhitespace(line.charAt(i))) {
          meaningful++;
        }
      }
      if (nl < 0) {
        break;
      }
      pos = nl + 1;
    }
    return text;
  }

  /** Where the returned original starts in {@code text} (the text after it), or "" if none. */
  static String originalPart(String text) {
    String human = cutOriginal(text);
    return human.length() < text.length() ? text.substring(human.length()) : "";
  }

  /** Recipients of a text-only bounce. */
  static List<BounceRecipient> scan(
      String text, String subject, String from, List<String> exclude, List<String> failedHeader) {
    HumanText h = HumanText.of(text, exclude, failedHeader);
    List<BounceRecipient> out = new ArrayList<>();
    for (String address : h.addresses()) {
      out.add(recipient(address, h.segmentFor(address, h.addresses().size())));
    }
    return out;
  }

  /**
   * The recipient anchors of a text: (address, line) in the order the text names them, at most
   * {@link DsnParser#MAX_RECIPIENTS}.
   */
  static List<Map.Entry<String, Integer>> anchors(
      String[] lines, List<String> exclude, List<String> failedHeader) {
    Map<String, Integer> anchors = new LinkedHashMap<>();
    for (int i = 0; i < lines.length && anchors.size() < DsnParser.MAX_RECIPIENTS; i++) {
      String line = lines[i];
      if (line.indexOf('@') < 0) {
        continue;
      }
      int prev = i - 1;
      while (prev >= 0 && lines[prev].isBlank()) {
        prev--;
      }
      if (prev >= 0 && SENDER_INTRO.matcher(tail(lines[prev], 40)).find()) {
        // "A message sent by\n  <sender>\ncould not be delivered": the sender, not a recipient.
        continue;
      }
      int from = 0;
      Addresses.Found f;
      while ((f = Addresses.next(line, from)) != null) {
        if (inRecipientPosition(line, f)) {
          add(anchors, f.address(), i, exclude);
        }
        from = f.end();
      }
    }
    for (String f : failedHeader) {
      if (!containsIgnoreCase(anchors, f) && anchors.size() < DsnParser.MAX_RECIPIENTS) {
        anchors.put(f, indexOfAddress(lines, f));
      }
    }
    if (anchors.isEmpty()) {
      // Last resort: the first address in the text that is not the sender or a robot.
      for (int i = 0; i < lines.length && anchors.isEmpty(); i++) {
        for (String a : Addresses.all(lines[i], 20)) {
          add(anchors, a, i, exclude);
          if (!anchors.isEmpty()) {
            break;
          }
        }
      }
    }
    List<Map.Entry<String, Integer>> list = new ArrayList<>(anchors.entrySet());
    list.sort(Map.Entry.comparingByValue());
    return list;
  }

  /**
   * Whether the address is where MTAs put a failed recipient: alone on its line, at the start of
   * the line followed by ':', '...', ',' or a comment, or after words that introduce a recipient.
   */
  static boolean inRecipientPosition(String line, Addresses.Found f) {
    int s = f.start();
    int e = f.end();
    boolean bracketed =
        s > 0 && line.charAt(s - 1) == '<' && e < line.length() && line.charAt(e) == '>';
    // Leading position: only decoration, an optional reply code and an opening bracket before it.
    int i = 0;
    while (i < s && " \t>*-".indexOf(line.charAt(i)) >= 0) {
      i++;
    }
    boolean onlySpaceBefore = line.substring(0, i).isBlank();
    int j = i;
    for (int k = 0; k < 2; k++) {
      if (j + 3 < s
          && Character.isDigit(line.charAt(j))
          && Character.isDigit(line.charAt(j + 1))
          && Character.isDigit(line.charAt(j + 2))
          && (line.charAt(j + 3) == ' ' || line.charAt(j + 3) == '-')) {
        j += 4;
        while (j < s && (line.charAt(j) == ' ' || line.charAt(j) == '-')) {
          j++;
        }
      }
    }
    int q = j;
    if (q < s && (line.charAt(q) == '"' || line.charAt(q) == '\'')) {
      q++;
    }
    if (q < s && line.charAt(q) == '<') {
      q++;
    }
    boolean leading = q == s;
    int after = e;
    if (after < line.length() && line.charAt(after) == '>') {
      after++;
    }
    if (after < line.length() && (line.charAt(after) == '"' || line.charAt(after) == '\'')) {
      after++;
    }
    String rest = line.substring(after);
    String restTrim = rest.stripLeading();
    if (leading) {
      boolean alone = restTrim.isEmpty() || restTrim.equals(":");
      if (alone) {
        return true;
      }
      if (bracketed
          || line.charAt(Math.max(0, s - 1)) == '"'
          || line.charAt(Math.max(0, s - 1)) == '\'') {
        if (restTrim.startsWith(":")
            || restTrim.startsWith("...")
            || restTrim.startsWith(",")
            || rest.startsWith(" -")
            || rest.startsWith(" (")) {
          return true;
        }
      } else if (restTrim.startsWith("...")
          || (restTrim.startsWith(":")
              && (restTrim.length() == 1 || Character.isWhitespace(restTrim.charAt(1))))) {
        return true;
      }
      // An address opening the line ("x@example.com [User unknown]", "x@example.com on 4/29/01").
      if (onlySpaceBefore
          && j == i
          && (rest.isEmpty()
              || Character.isWhitespace(rest.charAt(0))
              || rest.charAt(0) == ':'
              || rest.charAt(0) == ',')) {
        return true;
      }
    }
    String before = line.substring(Math.max(0, s - 48), s);
    return INTRO.matcher(before).find();
  }

  private static String tail(String s, int n) {
    return s.length() > n ? s.substring(s.length() - n) : s;
  }

  /**
   * In a Sendmail transcript ("While talking to host:" followed by {@code >>>} commands and {@code
   * <<<} replies), the dialogue comes before the "NNN <address>... text" line it explains, and the
   * lines after that line belong to the next recipient. Returns the recipient's own dialogue and
   * line, or null when {@code k} is not such a recipient.
   */
  static String sendmailTranscript(
      String[] lines, List<Map.Entry<String, Integer>> anchors, int k) {
    int at = anchors.get(k).getValue();
    if (at < 0 || at >= lines.length || !SENDMAIL_RCPT_LINE.matcher(lines[at].trim()).find()) {
      return null;
    }
    int previous = k > 0 ? anchors.get(k - 1).getValue() : -1;
    int first = -1;
    for (int i = at; i > previous && i >= 0; i--) {
      if (lines[i].startsWith("While talking to ")) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      // The dialogue started before the previous recipient's line: it still runs on here.
      for (int i = previous; i >= 0; i--) {
        if (lines[i].startsWith("While talking to ")) {
          first = i;
          break;
        }
      }
    }
    if (first < 0) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(first, previous + 1); i < at; i++) {
      String l = lines[i].trim();
      if (l.startsWith(">>> ") || l.startsWith("<<< ")) {
        b.append(l).append('\n');
      }
    }
    return b.append(lines[at].trim()).toString();
  }

  static BounceRecipient recipient(String address, String segment) {
    String diag = Lines.oneLine(segment, DeliveryStatus.MAX_VALUE);
    String status = DeliveryStatus.effectiveStatus("", diag);
    int reply = DeliveryStatus.replyCode(diag);
    String action = DELAYED.matcher(diag).find() ? "delayed" : "failed";
    return new BounceRecipient(
        address, action, status, reply, diag, remoteHost(diag), command(diag));
  }

  /** A bounce forwarded inline ("> " quoted) is read without the quote marks. */
  static String unquote(String text) {
    List<String> lines = Lines.split(text, Lines.MAX_LINES);
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

  static boolean hasDiagnostic(List<BounceRecipient> rs) {
    return rs.stream().anyMatch(r -> !r.status().isEmpty() || r.replyCode() > 0);
  }

  /** The failed SMTP command a text names (CONN for the greeting), or "". */
  static String command(String diagnostic) {
    Matcher m =
        COMMAND.matcher(
            diagnostic.length() > 20_000 ? diagnostic.substring(0, 20_000) : diagnostic);
    if (!m.find()) {
      return "";
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        String c = m.group(g).toUpperCase(Locale.ROOT);
        return switch (c) {
          case "RECIPIENT" -> "RCPT";
          case "MESSAGE" -> "DATA";
          case "SENDER" -> "MAIL";
          case "NAME" -> "EHLO";
          case "GREETING", "CONNECT", "INITIAL CONNECTION" -> "CONN";
          default -> c.contains("DATA") ? "DATA" : c;
        };
      }
    }
    return "";
  }

  /** The host that answered, as named in a text ("host mx.example.com[192.0.2.1] said:"), or "". */
  static String remoteHost(String text) {
    String t = text.length() > 20_000 ? text.substring(0, 20_000) : text;
    Matcher m = REMOTE_HOST.matcher(t);
    if (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          return trimDots(m.group(g));
        }
      }
    }
    String lower = t.toLowerCase(Locale.ROOT);
    for (String marker : new String[] {"did not like", "does not like", "failed after"}) {
      int at = lower.indexOf(marker);
      if (at > 0) {
        Matcher h = HOST_BEFORE.matcher(t.substring(Math.max(0, at - 320), at));
        if (h.find()) {
          return trimDots(h.group(1));
        }
      }
    }
    return "";
  }

  private static String trimDots(String h) {
    int end = h.length();
    while (end > 0 && (h.charAt(end - 1) == '.' || h.charAt(end - 1) == ':')) {
      end--;
    }
    return h.substring(0, end);
  }

  static boolean hasCode(String s) {
    return EnhancedStatus.find(s).isPresent() || DeliveryStatus.replyCode(s) > 0;
  }

  private static void add(
      Map<String, Integer> anchors, String address, int line, List<String> exclude) {
    if (anchors.size() >= DsnParser.MAX_RECIPIENTS
        || IGNORED.matcher(address).find()
        || containsIgnoreCase(anchors, address)) {
      return;
    }
    for (String e : exclude) {
      if (e.equalsIgnoreCase(address)) {
        return;
      }
    }
    anchors.put(address, line);
  }

  private static boolean containsIgnoreCase(Map<String, Integer> anchors, String a) {
    if (anchors.containsKey(a)) {
      return true;
    }
    for (String k : anchors.keySet()) {
      if (k.equalsIgnoreCase(a)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfAddress(String[] lines, String a) {
    String lower = a.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].toLowerCase(Locale.ROOT).contains(lower)) {
        return i;
      }
    }
    return lines.length;
  }
}
