package io.mxray.core.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Authentication-Results header field (RFC 8601 §2.2): who evaluated ({@code authservId}) and
 * each method's result with its reason and properties ({@code smtp.mailfrom}, {@code header.d},
 * ...). Also parses ARC-Authentication-Results (RFC 8617 §4.1.1), whose value starts with {@code
 * i=N;}.
 *
 * @param instance the ARC instance for ARC-Authentication-Results, else 0
 * @param authservId the authentication service identifier, lower-case
 * @param results one entry per method, in order
 * @param error empty when well-formed; else what is wrong
 */
public record AuthResults(int instance, String authservId, List<Method> results, String error) {

  public AuthResults {
    results = List.copyOf(results);
  }

  /** One {@code method=result reason=... ptype.property=value} clause (RFC 8601 §2.2). */
  public record Method(
      String method, String result, String reason, Map<String, String> properties) {
    public Method {
      properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public Optional<String> property(String key) {
      return Optional.ofNullable(properties.get(key.toLowerCase(Locale.ROOT)));
    }
  }

  /** The first result for {@code method} ("spf", "dkim", "dmarc", "arc", "compauth", ...). */
  public Optional<Method> first(String method) {
    return results.stream().filter(m -> m.method().equals(method)).findFirst();
  }

  public List<Method> all(String method) {
    return results.stream().filter(m -> m.method().equals(method)).toList();
  }

  public static AuthResults parse(String value) {
    String v = MailDate.stripComments(value == null ? "" : value).strip();
    List<String> segments = splitTopLevel(v);
    if (segments.isEmpty() || segments.get(0).isBlank()) {
      return new AuthResults(0, "", List.of(), "no authserv-id");
    }
    int instance = 0;
    int idx = 0;
    String first = segments.get(0).strip();
    if (first.toLowerCase(Locale.ROOT).startsWith("i=")) {
      try {
        instance = Integer.parseInt(first.substring(2).strip());
      } catch (NumberFormatException e) {
        return new AuthResults(0, "", List.of(), "invalid instance '" + first + "'");
      }
      idx = 1;
      if (segments.size() < 2) {
        return new AuthResults(instance, "", List.of(), "no authserv-id");
      }
      first = segments.get(1).strip();
    }
    String[] idWords = first.split("\\s+");
    String authserv = unquote(idWords[0]).toLowerCase(Locale.ROOT);
    List<Method> results = new ArrayList<>();
    String error = "";
    // Some writers put the first method on the authserv-id segment without a ';' (e.g. "mx.example
    // spf=pass").
    List<String> rest = new ArrayList<>();
    if (idWords.length > 1 && idWords[1].contains("=")) {
      rest.add(first.substring(first.indexOf(idWords[1])));
    }
    rest.addAll(segments.subList(idx + 1, segments.size()));
    for (String seg : rest) {
      String s = seg.strip();
      if (s.isEmpty() || s.equalsIgnoreCase("none")) {
        continue;
      }
      List<String> tokens = tokens(s);
      String head = tokens.get(0);
      int eq = head.indexOf('=');
      if (eq <= 0) {
        error = "method clause without '=': " + clip(s);
        continue;
      }
      String method = head.substring(0, eq).toLowerCase(Locale.ROOT);
      int slash = method.indexOf('/');
      if (slash >= 0) {
        method = method.substring(0, slash);
      }
      String result = unquote(head.substring(eq + 1)).toLowerCase(Locale.ROOT);
      String reason = "";
      Map<String, String> props = new LinkedHashMap<>();
      for (String t : tokens.subList(1, tokens.size())) {
        int e = t.indexOf('=');
        if (e <= 0) {
          continue;
        }
        String key = t.substring(0, e).toLowerCase(Locale.ROOT);
        String val = unquote(t.substring(e + 1));
        if (key.equals("reason")) {
          reason = val;
        } else {
          props.putIfAbsent(key, val);
        }
      }
      results.add(new Method(method, result, reason, props));
    }
    return new AuthResults(instance, authserv, results, error);
  }

  /** Splits on ';' outside double quotes. */
  public static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Splits on white space outside quotes, gluing "key = value" back together. */
  private static List<String> tokens(String s) {
    List<String> raw = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (Character.isWhitespace(c) && !quoted) {
        if (cur.length() > 0) {
          raw.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      raw.add(cur.toString());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i);
      if (t.equals("=") && !out.isEmpty() && i + 1 < raw.size()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + "=" + raw.get(++i));
      } else if (t.endsWith("=") && i + 1 < raw.size() && !raw.get(i + 1).contains("=")) {
        out.add(t + raw.get(++i));
      } else if (t.startsWith("=") && !out.isEmpty()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + t);
      } else {
        out.add(t);
      }
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }

  public static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return s;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
