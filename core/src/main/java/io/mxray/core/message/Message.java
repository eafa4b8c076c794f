package io.mxray.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed message: its header fields in order (topmost first) and its body, when one was pasted.
 *
 * @param fields the header fields, topmost (most recent) first
 * @param body the body as octets mapped 1:1 to chars, lines ending in CRLF; empty when absent
 * @param hasBody whether a blank line separated headers from a body
 * @param inputBytes how many octets were given (before any cap)
 * @param truncated the input was longer than the cap and only its start was analysed
 * @param problems what the tolerant parser had to repair or skip
 */
public record Message(
    List<HeaderField> fields,
    String body,
    boolean hasBody,
    long inputBytes,
    boolean truncated,
    List<ParseProblem> problems) {

  public Message {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
  }

  /** Something the parser repaired or skipped. */
  public record ParseProblem(Kind kind, int line, String text) {
    public enum Kind {
      MBOX_FROM_LINE,
      NO_COLON,
      BAD_FIELD_NAME,
      LEADING_CONTINUATION,
      TOO_MANY_FIELDS,
      FIELD_TOO_LONG,
      BINARY,
      INVALID_ENCODED_WORD,
      RAW_8BIT
    }
  }

  /** Every field called {@code name}, topmost first. */
  public List<HeaderField> all(String name) {
    List<HeaderField> out = new ArrayList<>();
    for (HeaderField f : fields) {
      if (f.is(name)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The topmost field called {@code name}. */
  public Optional<HeaderField> first(String name) {
    for (HeaderField f : fields) {
      if (f.is(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Decoded value of the topmost field called {@code name}, or "". */
  public String value(String name) {
    return first(name).map(HeaderField::decoded).orElse("");
  }
}
