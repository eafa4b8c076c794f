package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable part of a bounce split into per-recipient segments: each recipient named in
 * the text gets the lines from its own mention up to the next recipient's (or, in a Sendmail
 * transcript, its own dialogue); the lines before the first recipient are the shared preamble. A
 * segment is never padded with another recipient's lines. Built once per message, linear in the
 * text.
 */
final class HumanText {

  /** Characters of text given to one recipient at most. */
  static final int MAX_SEGMENT = 4000;

  private final String text;
  private final String[] lines;
  private final List<String> addresses;
  private final Map<String, String> segments;
  private final String preamble;
  private final Map<String, List<Integer>> mentions;

  /** Per recipient (lower-case): the lines from after the previous recipient's line to its own. */
  private final Map<String, String> leadIns;

  private HumanText(
      String text,
      String[] lines,
      List<String> addresses,
      Map<String, String> segments,
      String preamble,
      Map<String, List<Integer>> mentions,
      Map<String, String> leadIns) {
    this.text = text;
    this.lines = lines;
    this.addresses = addresses;
    this.segments = segments;
    this.preamble = preamble;
    this.mentions = mentions;
    this.leadIns = leadIns;
  }

  /** Lines mentioning each address (lower-case), found in one pass; bounded. */
  private static Map<String, List<Integer>> mentions(String[] lines) {
    Map<String, List<Integer>> out = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].indexOf('@') < 0) {
        continue;
      }
      int from = 0;
      Addresses.Found f;
      while ((f = Addresses.next(lines[i], from)) != null) {
        String key = f.address().toLowerCase(Locale.ROOT);
        List<Integer> at = out.get(key);
        if (at == null && out.size() < 4 * DsnParser.MAX_RECIPIENTS) {
          at = new ArrayList<>();
          out.put(key, at);
        }
        if (at != null && at.size() < 20 && (at.isEmpty() || at.get(at.size() - 1) != i)) {
          at.add(i);
        }
        from = f.end();
      }
    }
    return out;
  }

  static HumanText of(String text, List<String> exclude, List<String> failedHeader) {
    String human = TextBounceScanner.cutOriginal(TextBounceScanner.unquote(text));
    String[] lines = Lines.split(human);
    List<Map.Entry<String, Integer>> anchors =
        TextBounceScanner.anchors(lines, exclude, failedHeader);
    Map<String, String> segments = new HashMap<>();
    Map<String, String> leadIns = new HashMap<>();
    List<String> addresses = new ArrayList<>();
    for (int k = 0; k < anchors.size(); k++) {
      String address = anchors.get(k).getKey();
      addresses.add(address);
      int startLine = Math.max(0, Math.min(anchors.get(k).getValue(), lines.length));
      int floor = k > 0 ? anchors.get(k - 1).getValue() + 1 : 0;
      if (startLine > floor
          && startLine < lines.length
          && lines[startLine].trim().startsWith("<<<")
          && lines[startLine - 1].trim().startsWith(">>>")) {
        // A transcript reply names the recipient: the command it answers belongs to it too.
        startLine--;
      }
      int endLine =
          k + 1 < anchors.size()
              ? Math.max(startLine + 1, anchors.get(k + 1).getValue())
              : lines.length;
      String transcript = TextBounceScanner.sendmailTranscript(lines, anchors, k);
      segments.put(
          address.toLowerCase(Locale.ROOT),
          transcript != null ? transcript : join(lines, startLine, endLine));
      int previous = k > 0 ? Math.min(lines.length, anchors.get(k - 1).getValue() + 1) : 0;
      leadIns.put(
          address.toLowerCase(Locale.ROOT),
          join(lines, previous, Math.min(lines.length, startLine + 1)));
    }
    int firstAnchor =
        anchors.isEmpty() ? lines.length : Math.min(lines.length, anchors.get(0).getValue());
    return new HumanText(
        human, lines, addresses, segments, join(lines, 0, firstAnchor), mentions(lines), leadIns);
  }

  /** The recipients the text names, in order. */
  List<String> addresses() {
    return addresses;
  }

  /** The whole human-readable text (without the returned original). */
  String text() {
    return text;
  }

  /**
   * The lines that explain {@code address}'s failure, for a bounce with {@code recipients}
   * recipients: its own segment when it has a code or words beyond the address; else the lines that
   * mention it, when they carry a code; else, for the only recipient, the whole text; else the
   * shared preamble (the error stated once for everyone).
   */
  String segmentFor(String address, int recipients) {
    String own = address.isEmpty() ? null : segments.get(address.toLowerCase(Locale.ROOT));
    if (own != null && TextBounceScanner.hasCode(own)) {
      return cap(own);
    }
    String mentions = address.isEmpty() ? "" : linesMentioning(address);
    if (TextBounceScanner.hasCode(mentions)) {
      return cap(mentions);
    }
    if (TextBounceScanner.hasCode(preamble)) {
      // The error is stated once before the recipients (MailMarshal, Verizon, Exchange).
      return cap(own == null ? preamble : preamble + "\n" + own);
    }
    if (own != null && ownWords(own, address) >= 12) {
      return cap(own);
    }
    if (recipients <= 1) {
      return cap(text);
    }
    return cap(own != null ? own : mentions);
  }

  /**
   * The text in which a local delivery agent's line for {@code address} can stand: the whole text
   * for the only recipient, else the lines after the previous recipient's line up to its own (a
   * Sendmail transcript puts "mail.local: unknown user" right before the recipient's line).
   */
  String localAgentText(String address, int recipients) {
    if (recipients <= 1) {
      return text;
    }
    String own = address.isEmpty() ? null : segments.get(address.toLowerCase(Locale.ROOT));
    String lead = address.isEmpty() ? null : leadIns.get(address.toLowerCase(Locale.ROOT));
    return (lead == null ? "" : lead) + (own == null ? "" : own);
  }

  private static int ownWords(String segment, String address) {
    int letters = 0;
    String s = segment.toLowerCase(Locale.ROOT).replace(address.toLowerCase(Locale.ROOT), "");
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        letters++;
      }
    }
    return letters;
  }

  private String linesMentioning(String address) {
    StringBuilder b = new StringBuilder();
    for (int i : mentions.getOrDefault(address.toLowerCase(Locale.ROOT), List.of())) {
      if (i > 0 && lines[i].trim().startsWith("<<<") && lines[i - 1].trim().startsWith(">>>")) {
        // A transcript reply mentioning the address: the command it answers is the line before.
        b.append(lines[i - 1]).append('\n');
      }
      b.append(lines[i]).append('\n');
      if (i + 1 < lines.length && !lines[i + 1].isBlank()) {
        b.append(lines[i + 1]).append('\n');
      }
    }
    return b.toString();
  }

  private static String cap(String s) {
    return s.length() > MAX_SEGMENT ? s.substring(0, MAX_SEGMENT) : s;
  }

  private static String join(String[] lines, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < Math.min(to, lines.length) && b.length() < 4 * MAX_SEGMENT; i++) {
      b.append(lines[i]).append('\n');
    }
    return b.toString();
  }
}
