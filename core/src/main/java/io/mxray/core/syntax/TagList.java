package io.mxray.core.syntax;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed tag-list: {@code tag=value; tag=value} (RFC 6376 §3.2), the syntax of DKIM signatures
 * and key records, and (with the same rules) DMARC, MTA-STS, TLS-RPT and BIMI records. Pure: text
 * in, data out.
 *
 * @param tags tag names (lower-cased) to values (surrounding white space removed), in order of
 *     appearance
 * @param error empty when the list is well-formed; else a message
 * @param errorPosition 0-based character position of the error, or -1
 */
public record TagList(Map<String, String> tags, String error, int errorPosition) {

  /** Longest input parsed; longer text is an error (TXT data is attacker controlled). */
  public static final int MAX_LENGTH = 16_384;

  private static final java.util.regex.Pattern TAG_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  public TagList {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public boolean ok() {
    return error.isEmpty();
  }

  public Optional<String> get(String tag) {
    return Optional.ofNullable(tags.get(tag.toLowerCase(Locale.ROOT)));
  }

  public boolean has(String tag) {
    return tags.containsKey(tag.toLowerCase(Locale.ROOT));
  }

  /**
   * Parses a tag-list. Duplicate tags, tags without '=', and invalid tag names are errors (RFC 6376
   * §3.2: "Tags with duplicate names MUST NOT occur"); the first error wins, with its position. A
   * trailing semicolon is allowed. Tag names are case-sensitive in DKIM but mxray lower-cases them
   * for lookups; the original spelling does not matter for any record type we parse.
   */
  public static TagList parse(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text == null) {
      return new TagList(tags, "no text", 0);
    }
    if (text.length() > MAX_LENGTH) {
      return new TagList(tags, "record is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    int pos = 0;
    int n = text.length();
    while (pos < n) {
      int end = text.indexOf(';', pos);
      if (end < 0) {
        end = n;
      }
      String spec = text.substring(pos, end);
      if (!spec.isBlank()) {
        int eq = spec.indexOf('=');
        int lead = pos + (spec.length() - spec.stripLeading().length());
        if (eq < 0) {
          return new TagList(tags, "'" + spec.strip() + "' has no '='", lead);
        }
        String name = spec.substring(0, eq).strip();
        if (!TAG_NAME.matcher(name).matches()) {
          return new TagList(tags, "invalid tag name '" + name + "'", lead);
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (tags.containsKey(key)) {
          return new TagList(tags, "tag '" + name + "' appears twice", lead);
        }
        tags.put(key, spec.substring(eq + 1).strip());
      }
      pos = end + 1;
    }
    return new TagList(tags, "", -1);
  }
}
