package io.mxray.core.tlsrpt;

import io.mxray.core.syntax.TagList;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS-RPT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=mailto:...,https://...}. Pure parser.
 *
 * @param rua report destinations (mailto: or https: URIs)
 * @param error empty when valid
 */
public record TlsRptRecord(List<String> rua, String error) {

  public TlsRptRecord {
    rua = List.copyOf(rua);
  }

  public boolean valid() {
    return error.isEmpty();
  }

  public static boolean isTlsRpt(String txt) {
    return txt.stripLeading().matches("(?s)v\\s*=\\s*TLSRPTv1\\s*(;.*)?");
  }

  public static TlsRptRecord parse(String text) {
    TagList t = TagList.parse(text);
    if (!t.ok()) {
      return new TlsRptRecord(
          List.of(), "syntax error at position " + t.errorPosition() + ": " + t.error());
    }
    if (t.tags().isEmpty()
        || !t.tags().keySet().iterator().next().equals("v")
        || !t.get("v").get().equals("TLSRPTv1")) {
      return new TlsRptRecord(List.of(), "the record must start with v=TLSRPTv1");
    }
    String rua = t.get("rua").orElse("");
    if (rua.isBlank()) {
      return new TlsRptRecord(List.of(), "the rua= tag (where to send reports) is missing");
    }
    List<String> uris = new ArrayList<>();
    for (String u : rua.split(",")) {
      String s = u.strip();
      if (s.regionMatches(true, 0, "mailto:", 0, 7) && s.indexOf('@') > 7) {
        uris.add(s);
      } else if (s.regionMatches(true, 0, "https://", 0, 8) && s.length() > 8) {
        uris.add(s);
      } else {
        return new TlsRptRecord(
            uris, "rua= '" + s + "' is neither a mailto: address nor an https:// URL");
      }
      if (uris.size() > 16) {
        return new TlsRptRecord(uris, "rua= lists more than 16 destinations");
      }
    }
    return new TlsRptRecord(uris, "");
  }
}
