package io.mxray.core.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A check's stable identifier, e.g. {@code mx} or {@code spf.record}: the report section and the
 * HTML partial name.
 */
public record CheckId(String value) {

  private static final Pattern FORM = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  public CheckId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid check id: " + value);
    }
  }

  public static CheckId of(String value) {
    return new CheckId(value);
  }

  /**
   * True if {@code selector} names this check or a dotted prefix of it ("spf" selects
   * "spf.record").
   */
  public boolean matches(String selector) {
    return value.equals(selector) || value.startsWith(selector + ".");
  }

  @Override
  public String toString() {
    return value;
  }
}
