package io.mxray.reports.html;

import io.mxray.core.audit.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One area of a report (one check): its findings worst first, its raw facts (for the check's own
 * partial) and the same facts flattened into rows and tables (for the generic partial).
 */
public record SectionView(
    String id,
    String title,
    String severity,
    String severityLabel,
    long durationMs,
    List<FindingView> findings,
    Map<String, Object> facts,
    List<FactRow> factRows) {

  /** A fact as text, or as a table when it is a list of records. */
  public record FactRow(String key, String text, List<String> columns, List<List<String>> rows) {
    public boolean isTable() {
      return !columns.isEmpty();
    }
  }

  public static SectionView of(CheckResult c) {
    return new SectionView(
        c.id().value(),
        c.title(),
        c.severity().id(),
        FindingView.label(c.severity()),
        c.durationMs(),
        c.findingsWorstFirst().stream().map(FindingView::of).toList(),
        c.facts(),
        rows(c.facts(), ""));
  }

  public boolean hasFacts() {
    return !factRows.isEmpty();
  }

  static List<FactRow> rows(Map<String, Object> facts, String prefix) {
    List<FactRow> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : facts.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof List<?> list
          && !list.isEmpty()
          && list.stream().allMatch(i -> i instanceof Map)) {
        Set<String> cols = new LinkedHashSet<>();
        list.forEach(i -> ((Map<?, ?>) i).keySet().forEach(k -> cols.add(String.valueOf(k))));
        List<List<String>> rows = new ArrayList<>();
        for (Object item : list) {
          Map<?, ?> m = (Map<?, ?>) item;
          List<String> row = new ArrayList<>();
          for (String col : cols) {
            row.add(m.containsKey(col) ? text(m.get(col)) : "");
          }
          rows.add(row);
        }
        out.add(new FactRow(key, "", List.copyOf(cols), rows));
      } else if (v instanceof Map<?, ?> m) {
        Map<String, Object> sub = new LinkedHashMap<>();
        m.forEach((k, val) -> sub.put(String.valueOf(k), val));
        out.addAll(rows(sub, key + "."));
      } else {
        out.add(new FactRow(key, text(v), List.of(), List.of()));
      }
    }
    return out;
  }

  static String text(Object v) {
    if (v == null) {
      return "—";
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? "—" : String.join(", ", l.stream().map(SectionView::text).toList());
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, val) -> parts.add(k + "=" + text(val)));
      return String.join(" ", parts);
    }
    return String.valueOf(v);
  }
}
