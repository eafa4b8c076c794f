package io.mxray.core.spf;

/**
 * Why a record or macro-string does not parse.
 *
 * @param position zero-based character offset of the problem in the record
 * @param term the offending term as written (may be empty for record-level problems)
 * @param message one line saying what is wrong
 * @param macro true when the problem is in the macro language (§7) rather than the term grammar
 */
public record SpfSyntaxError(int position, String term, String message, boolean macro) {

  @Override
  public String toString() {
    return "at character "
        + (position + 1)
        + (term.isEmpty() ? "" : " ('" + term + "')")
        + ": "
        + message;
  }
}
