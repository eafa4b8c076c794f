package io.mxray.core.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed macro-string (RFC 7208 §7.1): literals and macro expansions such as {@code %{ir}} or
 * {@code %{d2}}. Parsing is pure; {@link SpfMacros} expands it.
 *
 * @param text the macro-string as written
 * @param parts literals and macros in order
 */
public record SpfMacroString(String text, List<Part> parts) {

  public SpfMacroString {
    parts = List.copyOf(parts);
  }

  /** One piece of a macro-string. */
  public sealed interface Part permits Literal, Macro {}

  /** Literal text, escapes already applied ({@code %%}, {@code %_}, {@code %-}). */
  public record Literal(String text) implements Part {}

  /**
   * {@code %{letter digits r delimiters}}.
   *
   * @param letter lower-case macro letter
   * @param urlEscape true when the letter was upper-case (§7.3: URL-escape the result)
   * @param digits how many right-hand parts to keep; 0 for all
   * @param reverse the {@code r} transformer
   * @param delimiters the split characters; "." when none given
   */
  public record Macro(
      char letter, boolean urlEscape, int digits, boolean reverse, String delimiters)
      implements Part {}

  /** The text with escapes applied, for a string without macros (macros expand to nothing here). */
  public String literal() {
    StringBuilder b = new StringBuilder();
    parts.stream().filter(p -> p instanceof Literal).forEach(p -> b.append(((Literal) p).text()));
    return b.toString();
  }

  public boolean hasMacros() {
    return parts.stream().anyMatch(p -> p instanceof Macro);
  }

  /** The letters c, r and t are only allowed in explanation strings (§7.2). */
  private static final String LETTERS = "slodiphv";

  private static final String EXP_LETTERS = "slodiphvcrt";
  private static final String DELIMITERS = ".-+,/_=";

  /**
   * Parses a macro-string. {@code allowSpace} and {@code explanation} are set for explain-strings
   * (§6.2), where spaces are literals and c, r, t are allowed.
   *
   * @param offset where {@code text} starts in the record, for error positions
   */
  public static Result parse(String text, int offset, String term, boolean explanation) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '%') {
        boolean ok = (c >= 0x21 && c <= 0x7e) || (explanation && c == ' ');
        if (!ok) {
          return Result.error(
              new SpfSyntaxError(
                  offset + i, term, "character " + describe(c) + " is not allowed here", false));
        }
        lit.append(c);
        i++;
        continue;
      }
      if (i + 1 >= text.length()) {
        return Result.error(
            macroError(offset + i, term, "'%' at the end; write '%%' for a literal percent sign"));
      }
      char n = text.charAt(i + 1);
      if (n == '%' || n == '_' || n == '-') {
        lit.append(n == '%' ? "%" : n == '_' ? " " : "%20");
        i += 2;
        continue;
      }
      if (n != '{') {
        return Result.error(
            macroError(
                offset + i, term, "'%" + n + "' is not a macro; use %{letter}, %%, %_ or %-"));
      }
      int close = text.indexOf('}', i + 2);
      if (close < 0) {
        return Result.error(
            macroError(offset + i, term, "macro '" + text.substring(i) + "' has no closing '}'"));
      }
      String body = text.substring(i + 2, close);
      Result m = macro(body, offset + i, term, explanation);
      if (m.error().isPresent()) {
        return m;
      }
      if (lit.length() > 0) {
        parts.add(new Literal(lit.toString()));
        lit.setLength(0);
      }
      parts.add(m.value().orElseThrow().parts().get(0));
      i = close + 1;
    }
    if (lit.length() > 0) {
      parts.add(new Literal(lit.toString()));
    }
    return Result.ok(new SpfMacroString(text, parts));
  }

  private static Result macro(String body, int pos, String term, boolean explanation) {
    if (body.isEmpty()) {
      return Result.error(macroError(pos, term, "empty macro '%{}'"));
    }
    char raw = body.charAt(0);
    char letter = Character.toLowerCase(raw);
    if ((explanation ? EXP_LETTERS : LETTERS).indexOf(letter) < 0 || raw > 0x7e) {
      String why =
          EXP_LETTERS.indexOf(letter) >= 0
              ? "macro %{" + raw + "} is only allowed in explanation (exp) text"
              : "unknown macro letter '" + raw + "'";
      return Result.error(macroError(pos, term, why));
    }
    int j = 1;
    while (j < body.length() && Character.isDigit(body.charAt(j)) && body.charAt(j) < 0x80) {
      j++;
    }
    int digits = 0;
    if (j > 1) {
      String d = body.substring(1, j);
      // More than 128 parts is meaningless; cap rather than overflow.
      digits = d.length() > 3 ? 129 : Integer.parseInt(d);
      if (digits == 0) {
        return Result.error(
            macroError(pos, term, "macro transformer digit must not be zero (%{" + body + "})"));
      }
    }
    boolean reverse = false;
    if (j < body.length() && (body.charAt(j) == 'r' || body.charAt(j) == 'R')) {
      reverse = true;
      j++;
    }
    String delims = body.substring(j);
    for (char d : delims.toCharArray()) {
      if (DELIMITERS.indexOf(d) < 0) {
        return Result.error(
            macroError(
                pos, term, "'" + d + "' is not a macro delimiter (allowed: " + DELIMITERS + ")"));
      }
    }
    Macro m =
        new Macro(
            letter, Character.isUpperCase(raw), digits, reverse, delims.isEmpty() ? "." : delims);
    return Result.ok(new SpfMacroString(body, List.of(m)));
  }

  private static SpfSyntaxError macroError(int pos, String term, String message) {
    return new SpfSyntaxError(pos, term, message, true);
  }

  static String describe(char c) {
    return c < 0x20 || c == 0x7f
        ? String.format("U+%04X (a control character)", (int) c)
        : c > 0x7e ? String.format("U+%04X (not ASCII)", (int) c) : "'" + c + "'";
  }

  /** A parsed macro-string or the reason it does not parse. */
  public record Result(Optional<SpfMacroString> value, Optional<SpfSyntaxError> error) {
    static Result ok(SpfMacroString s) {
      return new Result(Optional.of(s), Optional.empty());
    }

    static Result error(SpfSyntaxError e) {
      return new Result(Optional.empty(), Optional.of(e));
    }
  }
}
