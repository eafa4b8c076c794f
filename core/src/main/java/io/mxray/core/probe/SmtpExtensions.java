package io.mxray.core.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The service extensions an EHLO reply announces (RFC 5321 §4.1.1.1): keywords, SIZE limit, AUTH
 * mechanisms. Pure: reply lines in, record out.
 *
 * @param keywords every keyword, upper-case, in order (SIZE, PIPELINING, 8BITMIME, SMTPUTF8,
 *     CHUNKING, DSN, ENHANCEDSTATUSCODES, REQUIRETLS, STARTTLS, AUTH ...)
 * @param size the SIZE limit in bytes, 0 when none is given, -1 without SIZE
 * @param auth AUTH mechanisms, upper-case
 */
public record SmtpExtensions(List<String> keywords, long size, List<String> auth) {

  public SmtpExtensions {
    keywords = List.copyOf(keywords);
    auth = List.copyOf(auth);
  }

  public static final SmtpExtensions NONE = new SmtpExtensions(List.of(), -1, List.of());

  /**
   * Parses the lines of a 250 EHLO reply; the first line is the server's greeting, not an
   * extension.
   */
  public static SmtpExtensions parse(List<String> ehloLines) {
    Set<String> keywords = new LinkedHashSet<>();
    Set<String> auth = new LinkedHashSet<>();
    long size = -1;
    for (int i = 1; i < ehloLines.size(); i++) {
      String[] words = ehloLines.get(i).strip().split("[ \t]+");
      if (words.length == 0 || words[0].isEmpty()) {
        continue;
      }
      String kw = words[0].toUpperCase(Locale.ROOT);
      if (kw.startsWith("AUTH=")) {
        // The pre-standard "AUTH=LOGIN PLAIN" form some servers still send for old Outlook clients.
        auth.add(kw.substring(5));
        for (int j = 1; j < words.length; j++) {
          auth.add(words[j].toUpperCase(Locale.ROOT));
        }
        keywords.add("AUTH");
        continue;
      }
      keywords.add(kw);
      if (kw.equals("AUTH")) {
        for (int j = 1; j < words.length; j++) {
          auth.add(words[j].toUpperCase(Locale.ROOT));
        }
      } else if (kw.equals("SIZE")) {
        size = 0;
        if (words.length > 1) {
          try {
            size = Long.parseLong(words[1]);
          } catch (NumberFormatException e) {
            size = 0;
          }
        }
      }
    }
    auth.remove("");
    return new SmtpExtensions(new ArrayList<>(keywords), size, new ArrayList<>(auth));
  }

  public boolean has(String keyword) {
    return keywords.contains(keyword.toUpperCase(Locale.ROOT));
  }

  public boolean starttls() {
    return has("STARTTLS");
  }

  /** AUTH mechanisms that send the password itself (PLAIN, LOGIN). */
  public List<String> plaintextAuth() {
    return auth.stream().filter(m -> m.equals("PLAIN") || m.equals("LOGIN")).toList();
  }
}
