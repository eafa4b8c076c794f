package io.mxray.core.finding;

import java.util.Objects;

/**
 * A pointer into a specification: "RFC 7208 §4.6.4". {@code document} is the RFC number (or another
 * document's short name, e.g. "M3AAWG"), {@code section} may be empty.
 */
public record RfcRef(String document, String section) {

  public RfcRef {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(section, "section");
  }

  /** RFC number plus section, e.g. {@code RfcRef.rfc(7208, "4.6.4")}. */
  public static RfcRef rfc(int number, String section) {
    return new RfcRef("RFC " + number, section);
  }

  public static RfcRef rfc(int number) {
    return new RfcRef("RFC " + number, "");
  }

  /** A document that is not an RFC (a vendor guideline, a draft), with a free-form section. */
  public static RfcRef doc(String name, String section) {
    return new RfcRef(name, section);
  }

  public boolean isRfc() {
    return document.startsWith("RFC ");
  }

  /** Link to the text on the RFC editor's site, with the section anchor when there is one. */
  public String url() {
    if (!isRfc()) {
      return "";
    }
    String number = document.substring(4).trim();
    String base = "https://www.rfc-editor.org/rfc/rfc" + number + ".html";
    if (section.isEmpty()) {
      return base;
    }
    String anchor = Character.isDigit(section.charAt(0)) ? "section-" + section : section;
    return base + "#" + anchor;
  }

  @Override
  public String toString() {
    return section.isEmpty() ? document : document + " §" + section;
  }
}
