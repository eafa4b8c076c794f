package io.mxray.core.message;

import java.util.Locale;
import java.util.Objects;

/**
 * One header field as it appeared in the message (RFC 5322 §2.2).
 *
 * @param name the field name as written ("Received")
 * @param raw the whole field, name and folding included, as octets mapped 1:1 to chars
 *     (ISO-8859-1), lines joined with CRLF, no trailing CRLF — what DKIM and ARC canonicalize
 * @param value the unfolded value after the colon, leading white space removed, still
 *     octets-as-chars
 * @param decoded the value for people: raw 8-bit read as UTF-8 (Windows-1252 when that is invalid),
 *     RFC 2047 encoded words decoded, unfolded
 */
public record HeaderField(String name, String raw, String value, String decoded) {

  public HeaderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(decoded, "decoded");
  }

  /** Lower-case name, for comparisons (field names are case-insensitive, RFC 5322 §1.2.2). */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
