package io.mxray.core.dns;

import com.google.common.net.InetAddresses;
import java.net.IDN;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * A validated domain name as a user typed it: converted to A-labels (IDNA), lower-case, no trailing
 * dot.
 *
 * @param ascii the name in A-label form, e.g. {@code xn--r8jz45g.jp}
 * @param unicode the name as typed, normalised (for display)
 */
public record DomainName(String ascii, String unicode) {

  public static final int MAX_NAME = 253;
  public static final int MAX_LABEL = 63;

  /**
   * Parses user input. Throws {@link InvalidDomainException} with a one-line reason for an IP
   * literal, an empty label, a label over 63 octets, a name over 253 octets or characters not
   * allowed in host names. Underscores are accepted (service labels such as {@code _dmarc}).
   */
  public static DomainName parse(String input) {
    if (input == null || input.isBlank()) {
      throw new InvalidDomainException("a domain name is required");
    }
    String s = input.strip();
    if (s.length() > 1024) {
      throw new InvalidDomainException(
          "'" + s.substring(0, 40) + "…' is far too long to be a domain name");
    }
    if (s.endsWith(".") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (InetAddresses.isInetAddress(bare)) {
      throw new InvalidDomainException(
          "'" + s + "' is an IP address; a domain name is expected here");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidDomainException(
            "'" + printable(s) + "' contains white space or control characters");
      }
    }
    if (s.chars().allMatch(c -> c < 0x80)) {
      validateAscii(s.toLowerCase(Locale.ROOT), s); // clearer messages than IDN's for plain names
    }
    String ascii;
    try {
      ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidDomainException(
          "'" + s + "' is not a valid internationalised domain name: " + e.getMessage());
    }
    validateAscii(ascii, s);
    return new DomainName(ascii, s.toLowerCase(Locale.ROOT));
  }

  private static void validateAscii(String ascii, String shown) {
    if (ascii.isEmpty()) {
      throw new InvalidDomainException("a domain name is required");
    }
    for (String label : ascii.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw new InvalidDomainException(
            "'" + shown + "' has an empty label (two dots in a row, or a leading dot)");
      }
      if (label.length() > MAX_LABEL) {
        throw new InvalidDomainException(
            "'"
                + abbreviate(shown)
                + "' has a label of "
                + label.length()
                + " characters; a label has at most "
                + MAX_LABEL);
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          throw new InvalidDomainException(
              "'" + shown + "' contains '" + c + "', which is not allowed in a host name");
        }
      }
    }
    if (ascii.length() > MAX_NAME) {
      throw new InvalidDomainException(
          "'"
              + abbreviate(shown)
              + "' is "
              + ascii.length()
              + " characters long; a domain name has at most "
              + MAX_NAME);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 48 ? s : s.substring(0, 45) + "…";
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return abbreviate(b.toString());
  }

  /**
   * A dnsjava name as mxray spells names everywhere: lower-case, no trailing dot ("" for the root).
   */
  public static String normalize(Name name) {
    return normalize(name.toString());
  }

  /** Lower-case, without the trailing dot. */
  public static String normalize(String name) {
    String s = name.toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * The absolute dnsjava name for an mxray name; throws {@link InvalidDomainException} if
   * unparseable.
   */
  public static Name toName(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (Exception e) {
      throw new InvalidDomainException(
          "'" + abbreviate(name) + "' is not a valid DNS name: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return ascii;
  }
}
