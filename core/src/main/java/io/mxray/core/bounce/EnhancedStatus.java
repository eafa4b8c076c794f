package io.mxray.core.bounce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced mail system status code {@code class.subject.detail} ("5.1.1"), with the
 * meaning from the IANA "Enhanced Status Codes" registry (RFC 5248), shipped as {@code
 * enhanced-status-codes.tsv}.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

  private static final Pattern CODE =
      Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");

  /** One registry row. */
  public record Entry(String code, String title, String meaning, String source) {}

  private static final class Registry {
    static final Map<String, Entry> ENTRIES = load();

    private static Map<String, Entry> load() {
      Map<String, Entry> m = new LinkedHashMap<>();
      for (String[] r : Tsv.read("enhanced-status-codes.tsv", 4)) {
        m.put(r[0], new Entry(r[0], r[1], r[2], r[3]));
      }
      return Map.copyOf(m);
    }
  }

  /** Parses exactly "x.y.z"; empty for anything else. */
  public static Optional<EnhancedStatus> parse(String text) {
    Matcher m = CODE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(of(m));
  }

  /** The first status code inside free text ("550 5.1.1 user unknown"). */
  public static Optional<EnhancedStatus> find(String text) {
    Matcher m = CODE.matcher(text);
    return m.find() ? Optional.of(of(m)) : Optional.empty();
  }

  private static EnhancedStatus of(Matcher m) {
    return new EnhancedStatus(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  public boolean isPermanent() {
    return statusClass == 5;
  }

  public boolean isTransient() {
    return statusClass == 4;
  }

  public boolean isSuccess() {
    return statusClass == 2;
  }

  /**
   * The registry row for this exact code, else for "X.subject.detail" (the registry's class-free
   * form).
   */
  public Optional<Entry> entry() {
    Entry e = Registry.ENTRIES.get(toString());
    if (e == null) {
      e = Registry.ENTRIES.get("X." + subject + "." + detail);
    }
    return Optional.ofNullable(e);
  }

  /** The registry row describing the subject ("X.1.X Addressing Status"). */
  public Optional<Entry> subjectEntry() {
    return Optional.ofNullable(Registry.ENTRIES.get("X." + subject + ".X"));
  }

  /** The class row ("5.X.X Permanent Failure"). */
  public Optional<Entry> classEntry() {
    return Optional.ofNullable(Registry.ENTRIES.get(statusClass + ".X.X"));
  }

  /** Every registry row, in file order. */
  public static Map<String, Entry> registry() {
    return Registry.ENTRIES;
  }

  @Override
  public String toString() {
    return statusClass + "." + subject + "." + detail;
  }
}
