package io.mxray.core.mtasts;

import io.mxray.core.syntax.TagList;

/**
 * The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=<1-32
 * alphanumerics>}. Pure parser; extension tags are allowed.
 *
 * @param id the policy id (empty when invalid)
 * @param error empty when valid
 */
public record MtaStsTxt(String id, String error) {

  public boolean valid() {
    return error.isEmpty();
  }

  /** True if TXT data starts with "v=STSv1" (§3.1: other records are ignored). */
  public static boolean isMtaSts(String txt) {
    return txt.stripLeading().matches("(?s)v\\s*=\\s*STSv1\\s*(;.*)?");
  }

  public static MtaStsTxt parse(String text) {
    TagList t = TagList.parse(text);
    if (!t.ok()) {
      return new MtaStsTxt("", "syntax error at position " + t.errorPosition() + ": " + t.error());
    }
    if (t.tags().isEmpty()
        || !t.tags().keySet().iterator().next().equals("v")
        || !t.get("v").get().equals("STSv1")) {
      return new MtaStsTxt("", "the record must start with v=STSv1");
    }
    String id = t.get("id").orElse("");
    if (id.isEmpty()) {
      return new MtaStsTxt("", "the id= tag is missing");
    }
    if (!id.matches("[A-Za-z0-9]{1,32}")) {
      return new MtaStsTxt("", "id=" + id + " must be 1 to 32 letters and digits");
    }
    return new MtaStsTxt(id, "");
  }
}
