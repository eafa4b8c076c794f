package io.mxray.core.spf;

/** A directive's qualifier, RFC 7208 §4.6.2: the result when its mechanism matches. */
public enum SpfQualifier {
  PASS('+', SpfResult.PASS),
  FAIL('-', SpfResult.FAIL),
  SOFTFAIL('~', SpfResult.SOFTFAIL),
  NEUTRAL('?', SpfResult.NEUTRAL);

  private final char symbol;
  private final SpfResult result;

  SpfQualifier(char symbol, SpfResult result) {
    this.symbol = symbol;
    this.result = result;
  }

  public char symbol() {
    return symbol;
  }

  public SpfResult result() {
    return result;
  }

  /** The qualifier for a leading character, or null when the character is not a qualifier. */
  static SpfQualifier of(char c) {
    for (SpfQualifier q : values()) {
      if (q.symbol == c) {
        return q;
      }
    }
    return null;
  }
}
