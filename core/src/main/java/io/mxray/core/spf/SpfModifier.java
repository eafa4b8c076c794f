package io.mxray.core.spf;

/**
 * A {@code name=value} modifier (RFC 7208 §6): {@code redirect}, {@code exp} or an unknown one,
 * which is ignored.
 *
 * @param name lower-case modifier name
 * @param value the macro-string after '='
 * @param text the term as written
 * @param position offset of the term in the record
 */
public record SpfModifier(String name, SpfMacroString value, String text, int position)
    implements SpfTerm {

  public boolean isRedirect() {
    return name.equals("redirect");
  }

  public boolean isExp() {
    return name.equals("exp");
  }
}
