package io.mxray.core.dnsbl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the blocklist configuration (the bundled {@code blocklists.conf} or a user's file with the
 * same format). Pure: text in, lists out; malformed lines are errors naming the line.
 */
public final class BlocklistConfig {

  private BlocklistConfig() {}

  /** The bundled lists: the major public IP and domain blocklists. */
  public static List<Blocklist> defaults() {
    try (InputStream in = BlocklistConfig.class.getResourceAsStream("blocklists.conf")) {
      if (in == null) {
        throw new IllegalStateException("blocklists.conf missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "blocklists.conf");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a user's configuration file; {@link IllegalArgumentException} with a one-line reason. */
  public static List<Blocklist> load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read blocklist file '" + file + "': " + e.getMessage());
    }
  }

  public static List<Blocklist> parse(String text, String label) {
    List<Blocklist> out = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s*\\|\\s*", -1);
      String where = label + " line " + (i + 1) + ": ";
      if (f.length != 9) {
        throw new IllegalArgumentException(
            where + "expected 9 fields separated by ' | ', found " + f.length);
      }
      Blocklist.Kind kind =
          switch (f[2].toLowerCase(Locale.ROOT)) {
            case "ip" -> Blocklist.Kind.IP;
            case "domain" -> Blocklist.Kind.DOMAIN;
            default ->
                throw new IllegalArgumentException(
                    where + "kind must be 'ip' or 'domain', not '" + f[2] + "'");
          };
      boolean bitmask =
          switch (f[5].toLowerCase(Locale.ROOT)) {
            case "exact" -> false;
            case "bitmask" -> true;
            default ->
                throw new IllegalArgumentException(
                    where + "match must be 'exact' or 'bitmask', not '" + f[5] + "'");
          };
      if (f[3].isEmpty() || f[3].contains(" ")) {
        throw new IllegalArgumentException(where + "invalid query zone '" + f[3] + "'");
      }
      Map<String, String> codes = codes(f[6], where);
      if (codes.isEmpty()) {
        throw new IllegalArgumentException(where + "a list needs at least one listing code");
      }
      if (bitmask) {
        for (String k : codes.keySet()) {
          if (!k.matches("\\d{1,3}")) {
            throw new IllegalArgumentException(
                where + "bitmask codes are bit values such as 8, not '" + k + "'");
          }
        }
      }
      out.add(
          new Blocklist(
              f[0],
              f[1],
              kind,
              f[3].toLowerCase(Locale.ROOT),
              f[4].equalsIgnoreCase("yes"),
              bitmask,
              codes,
              codes(f[7], where),
              f[8]));
    }
    return out;
  }

  private static Map<String, String> codes(String field, String where) {
    Map<String, String> m = new LinkedHashMap<>();
    if (field.isBlank()) {
      return m;
    }
    for (String part : field.split(";")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            where + "code '" + part.strip() + "' is not ADDRESS=meaning");
      }
      m.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    return m;
  }
}
