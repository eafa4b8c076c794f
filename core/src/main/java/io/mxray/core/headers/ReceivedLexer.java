package io.mxray.core.headers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Splits Received header text into the tokens RFC 5321 §4.4 and RFC 5322 §3.2 build it from: atoms
 * and dot-atoms ({@link Kind#WORD}), comments with their nesting ({@link Kind#COMMENT}), address
 * literals with an optional {@code :port} glued on ({@link Kind#LITERAL}), angle addresses and
 * quoted strings. One pass, no regular expressions, no recursion: linear in the length of the text,
 * so hostile input (100,000 opening parentheses) costs no more than its size. Unbalanced delimiters
 * end at the end of the text.
 */
final class ReceivedLexer {

  /** What a token is. */
  enum Kind {
    WORD,
    COMMENT,
    LITERAL,
    ANGLE,
    QUOTED
  }

  /**
   * One token: {@code start} inclusive, {@code end} exclusive, delimiters included ("(x)", "[ip]").
   */
  record Token(Kind kind, int start, int end) {
    String text(String s) {
      return s.substring(start, end);
    }

    /** The text without its delimiters (a comment's inside, a literal without brackets). */
    String inner(String s) {
      return switch (kind) {
        case WORD -> s.substring(start, end);
        case LITERAL -> {
          int close = s.lastIndexOf(']', end - 1);
          yield close > start ? s.substring(start + 1, close) : s.substring(start + 1, end);
        }
        default -> {
          boolean closed = end - start >= 2 && s.charAt(end - 1) == closer(kind);
          yield s.substring(start + 1, closed ? end - 1 : end);
        }
      };
    }

    /** The {@code :port} written after a literal's closing bracket, or "". */
    String literalSuffix(String s) {
      if (kind != Kind.LITERAL) {
        return "";
      }
      int close = s.lastIndexOf(']', end - 1);
      return close >= start && close + 1 < end ? s.substring(close + 1, end) : "";
    }

    private static char closer(Kind k) {
      return switch (k) {
        case COMMENT -> ')';
        case ANGLE -> '>';
        case QUOTED -> '"';
        default -> ' ';
      };
    }
  }

  /** Most tokens kept from one text; the rest is dropped (a Received value is capped anyway). */
  static final int MAX_TOKENS = 2_000;

  private ReceivedLexer() {}

  static List<Token> lex(String s) {
    return lex(s, 0, s.length());
  }

  /** Tokens of {@code s[from, to)}. */
  static List<Token> lex(String s, int from, int to) {
    List<Token> out = new ArrayList<>();
    BitSet unmatched = unmatchedOpenings(s, from, to);
    int i = from;
    while (i < to && out.size() < MAX_TOKENS) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '(' && unmatched.get(i)) {
        // An unclosed comment would swallow the rest of the header: read its '(' as a character.
        i = word(s, i + 1, to);
        out.add(new Token(Kind.WORD, start, i));
        continue;
      }
      switch (c) {
        case '(' -> {
          int depth = 0;
          while (i < to) {
            char d = s.charAt(i);
            if (d == '\\') {
              i += 2;
              continue;
            }
            if (d == '(') {
              depth++;
            } else if (d == ')' && --depth == 0) {
              i++;
              break;
            }
            i++;
          }
          out.add(new Token(Kind.COMMENT, start, Math.min(i, to)));
        }
        case '[' -> {
          i++;
          while (i < to && s.charAt(i) != ']') {
            i++;
          }
          if (i < to) {
            i++; // the ']'
            // "[192.0.2.1]:4321", "[IPv6:2001:db8::1]:25": the port belongs to the literal
            if (i + 1 < to && s.charAt(i) == ':' && Character.isDigit(s.charAt(i + 1))) {
              i++;
              while (i < to && Character.isDigit(s.charAt(i))) {
                i++;
              }
            }
          }
          out.add(new Token(Kind.LITERAL, start, i));
        }
        case '<' -> {
          i = delimited(s, i + 1, to, '>');
          out.add(new Token(Kind.ANGLE, start, i));
        }
        case '"' -> {
          i = delimited(s, i + 1, to, '"');
          out.add(new Token(Kind.QUOTED, start, i));
        }
        default -> {
          i = word(s, i, to);
          if (i == start) {
            i++; // a lone ')' , ']' or '>': one character word
          }
          out.add(new Token(Kind.WORD, start, i));
        }
      }
    }
    return out;
  }

  private static int word(String s, int i, int to) {
    while (i < to && !Character.isWhitespace(s.charAt(i)) && !special(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The positions of '(' that no ')' closes, found in one pass with a stack (backslash escapes
   * honoured), so that neither the lexer nor the date split rescans the text per parenthesis.
   */
  static BitSet unmatchedOpenings(String s, int from, int to) {
    BitSet open = new BitSet();
    int[] stack = new int[16];
    int depth = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        if (depth == stack.length) {
          stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = i;
      } else if (c == ')' && depth > 0) {
        depth--;
      }
    }
    for (int k = 0; k < depth; k++) {
      open.set(stack[k]);
    }
    return open;
  }

  private static int delimited(String s, int i, int to, char close) {
    while (i < to) {
      char d = s.charAt(i);
      if (d == '\\') {
        i += 2;
        continue;
      }
      i++;
      if (d == close) {
        break;
      }
    }
    return Math.min(i, to);
  }

  private static boolean special(char c) {
    return c == '(' || c == ')' || c == '[' || c == ']' || c == '<' || c == '>' || c == '"';
  }
}
