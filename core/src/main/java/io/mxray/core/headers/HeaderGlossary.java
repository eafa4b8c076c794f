package io.mxray.core.headers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the well-known header fields are for, with a documentation link: the data of {@code
 * header-glossary.tsv} (name or {@code Prefix-*}, category, explanation, URL). Exact names win over
 * prefixes and the longest prefix wins, so {@code X-MS-Exchange-Organization-SCL} has its own entry
 * while other {@code X-MS-Exchange-*} fields share one. Pure data; loaded once.
 */
public final class HeaderGlossary {

  /**
   * One glossary entry.
   *
   * @param name the field name or prefix pattern as listed ("X-MS-Exchange-*")
   * @param category routing, authentication, identity, mime, list, client, spam-filter or
   *     provider-internal
   * @param explanation what the field says, in a sentence or two
   * @param url where it is documented (standard or vendor page)
   */
  public record Entry(String name, String category, String explanation, String url) {}

  private static final Map<String, Entry> EXACT = new HashMap<>();
  private static final List<Entry> PREFIXES = new ArrayList<>();

  static {
    try (InputStream in = HeaderGlossary.class.getResourceAsStream("header-glossary.tsv")) {
      if (in == null) {
        throw new IllegalStateException("header-glossary.tsv is missing");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != 4) {
          throw new IllegalStateException("header-glossary.tsv: 4 columns expected: " + line);
        }
        Entry e = new Entry(c[0], c[1], c[2], c[3]);
        if (c[0].endsWith("*")) {
          PREFIXES.add(e);
        } else if (EXACT.put(c[0].toLowerCase(Locale.ROOT), e) != null) {
          throw new IllegalStateException("header-glossary.tsv: duplicate " + c[0]);
        }
      }
      PREFIXES.sort(Comparator.comparingInt((Entry e) -> e.name().length()).reversed());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HeaderGlossary() {}

  /** The entry for a field name, when it is well known. */
  public static Optional<Entry> lookup(String fieldName) {
    String n = fieldName.toLowerCase(Locale.ROOT);
    Entry e = EXACT.get(n);
    if (e != null) {
      return Optional.of(e);
    }
    for (Entry p : PREFIXES) {
      String prefix = p.name().substring(0, p.name().length() - 1).toLowerCase(Locale.ROOT);
      if (n.startsWith(prefix) && n.length() > prefix.length()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Every entry, exact names first (for documentation and tests). */
  public static List<Entry> entries() {
    List<Entry> all = new ArrayList<>(EXACT.values());
    all.sort(Comparator.comparing(Entry::name));
    all.addAll(PREFIXES);
    return all;
  }
}
