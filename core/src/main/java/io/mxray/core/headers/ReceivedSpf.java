package io.mxray.core.headers;

import io.mxray.core.message.AuthResults;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Received-SPF header field (RFC 7208 §9.1): the result a receiver recorded, its comment, and the
 * key=value pairs ({@code client-ip}, {@code envelope-from}, {@code helo}, {@code receiver}, ...).
 */
public record ReceivedSpf(String result, String comment, Map<String, String> properties) {

  public ReceivedSpf {
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public String property(String key) {
    return properties.getOrDefault(key, "");
  }

  public static ReceivedSpf parse(String value) {
    String v = value == null ? "" : value.strip();
    int sp = 0;
    while (sp < v.length()
        && !Character.isWhitespace(v.charAt(sp))
        && v.charAt(sp) != '('
        && v.charAt(sp) != ';') {
      sp++;
    }
    String result = v.substring(0, sp).toLowerCase(Locale.ROOT);
    String rest = v.substring(sp).strip();
    String comment = "";
    if (rest.startsWith("(")) {
      int depth = 0;
      int i = 0;
      for (; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          break;
        }
      }
      comment = rest.substring(1, Math.min(i, rest.length())).strip();
      rest = i < rest.length() ? rest.substring(i + 1) : "";
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (String part : AuthResults.splitTopLevel(rest)) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        props.putIfAbsent(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
            AuthResults.unquote(part.substring(eq + 1).strip()));
      }
    }
    return new ReceivedSpf(result, comment, props);
  }
}
