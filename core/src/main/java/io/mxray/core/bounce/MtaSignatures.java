package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Identifies the software or service that wrote a bounce from {@code mta-signatures.tsv}: the fixed
 * wording of its template, its From address, Subject, Reporting-MTA, Received fields or its own
 * header fields. The result is a fact of the report and a condition some vendor rules use (a docomo
 * "Unknown user" after DATA); it never replaces the per-recipient text.
 */
final class MtaSignatures {

  /** Characters of the body looked at. */
  static final int MAX_BODY = 16 * 1024;

  private record Row(String mta, String field, Pattern pattern) {}

  private static final List<Row> ROWS = load();

  /** What the bounce shows of itself. */
  record Signals(
      String from,
      String subject,
      String body,
      String reportingMta,
      List<String> received,
      Function<String, String> header) {}

  private MtaSignatures() {}

  private static List<Row> load() {
    List<Row> rows = new ArrayList<>();
    for (String[] r : Tsv.read("mta-signatures.tsv", 4)) {
      rows.add(
          new Row(
              r[0],
              r[1].toLowerCase(Locale.ROOT),
              Pattern.compile(r[2], Pattern.CASE_INSENSITIVE | Pattern.MULTILINE)));
    }
    return List.copyOf(rows);
  }

  /** The id of the first matching signature, or "". */
  static String detect(Signals s) {
    String body = s.body().length() > MAX_BODY ? s.body().substring(0, MAX_BODY) : s.body();
    for (Row r : ROWS) {
      boolean hit =
          switch (r.field()) {
            case "from" -> find(r, s.from());
            case "subject" -> find(r, s.subject());
            case "body" -> find(r, body);
            case "reporting-mta" -> find(r, s.reportingMta());
            case "received" -> s.received().stream().anyMatch(v -> find(r, v));
            default ->
                r.field().startsWith("header:")
                    && find(r, s.header().apply(r.field().substring("header:".length())));
          };
      if (hit) {
        return r.mta();
      }
    }
    return "";
  }

  private static boolean find(Row r, String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    String v = value.length() > MAX_BODY ? value.substring(0, MAX_BODY) : value;
    return r.pattern().matcher(v).find();
  }

  /** Every MTA id the signatures know, for documentation and tests. */
  static List<String> known() {
    return ROWS.stream().map(Row::mta).distinct().toList();
  }
}
