package io.mxray.core.bounce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server reply line as a person pastes it: an RFC 5321 §4.2 reply code, an optional RFC 3463
 * enhanced status and the text ({@code 550 5.1.1 <x@example.com>: Recipient address rejected}), or
 * only a code ({@code 5.7.26}, {@code 421}), or a POP3/IMAP answer ({@code -ERR}, {@code NO},
 * {@code BAD}).
 *
 * @param code the three-digit reply code, 0 when absent
 * @param status the enhanced status code, when present
 * @param text everything after the codes
 * @param protocol "smtp", or "pop3:-ERR"/"pop3:+OK", or "imap:NO"/"imap:BAD"/... (protocol and
 *     status word)
 */
public record SmtpReply(int code, Optional<EnhancedStatus> status, String text, String protocol) {

  /**
   * Longest reply text kept; RFC 5321 §4.5.3.1.5 caps a reply line at 512 octets, we allow a few
   * lines.
   */
  public static final int MAX_TEXT = 4096;

  private static final Pattern REPLY =
      Pattern.compile(
          "^\\s*(?:(?<code>[2-5][0-5]\\d)(?:[ -]|$))?\\s*(?:#?(?<status>[245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$))?(?<text>.*)$",
          Pattern.DOTALL);
  private static final Pattern POP =
      Pattern.compile("^\\s*(\\+OK|-ERR)\\b\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern IMAP =
      Pattern.compile(
          "^\\s*(?:(?![2-5]\\d\\d\\b)[A-Za-z0-9.*]{1,16}\\s+)?(OK|NO|BAD|BYE)\\b\\s*(.*)$",
          Pattern.DOTALL);

  /** One row of {@code reply-codes.tsv}. */
  public record Meaning(String protocol, String code, String meaning, String source) {}

  private static final class Registry {
    static final Map<String, Meaning> MEANINGS = load();

    private static Map<String, Meaning> load() {
      Map<String, Meaning> m = new LinkedHashMap<>();
      for (String[] r : Tsv.read("reply-codes.tsv", 4)) {
        m.put(
            r[0] + ":" + r[1].toUpperCase(java.util.Locale.ROOT),
            new Meaning(r[0], r[1], r[2], r[3]));
      }
      return Map.copyOf(m);
    }
  }

  /** Parses a reply; never fails: text without codes becomes a reply with code 0 and no status. */
  public static SmtpReply parse(String line) {
    String s = line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) : line;
    Matcher pop = POP.matcher(s);
    if (pop.matches()) {
      return new SmtpReply(0, Optional.empty(), pop.group(2).trim(), "pop3:" + pop.group(1));
    }
    Matcher imap = IMAP.matcher(s);
    if (imap.matches()) {
      return new SmtpReply(0, Optional.empty(), imap.group(2).trim(), "imap:" + imap.group(1));
    }
    Matcher m = REPLY.matcher(s);
    if (!m.matches()) {
      return new SmtpReply(0, Optional.empty(), s.trim(), "smtp");
    }
    int code = m.group("code") == null ? 0 : Integer.parseInt(m.group("code"));
    Optional<EnhancedStatus> status =
        m.group("status") == null ? Optional.empty() : EnhancedStatus.parse(m.group("status"));
    String text = m.group("text").trim();
    if (status.isEmpty()) {
      status = EnhancedStatus.find(text.length() > 64 ? text.substring(0, 64) : text);
    }
    return new SmtpReply(code, status, text, "smtp");
  }

  /** The meaning of the reply code (or of the POP3/IMAP status word) from the registry file. */
  public Optional<Meaning> meaning() {
    int colon = protocol.indexOf(':');
    if (colon > 0) {
      return Optional.ofNullable(
          Registry.MEANINGS.get(
              protocol.substring(0, colon) + ":" + protocol.substring(colon + 1)));
    }
    if (code == 0) {
      return Optional.empty();
    }
    Meaning exact = Registry.MEANINGS.get("smtp:" + code);
    return Optional.ofNullable(
        exact != null ? exact : Registry.MEANINGS.get("smtp:" + (code / 100) + "XX"));
  }

  /** Looks up any protocol's reply word or code ("smtp", "550"). */
  public static Optional<Meaning> meaning(String protocol, String code) {
    return Optional.ofNullable(
        Registry.MEANINGS.get(protocol + ":" + code.toUpperCase(java.util.Locale.ROOT)));
  }

  public static Map<String, Meaning> registry() {
    return Registry.MEANINGS;
  }
}
