package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the faults of one report: one finding per code, with a count and the first few examples
 * as evidence, so a report with 10,000 upper-case values gives one finding, not 10,000.
 */
final class Faults {

  static final int MAX_EVIDENCE = 10;

  private final String subject;
  private final Map<FeedbackCodes, List<String>> examples = new LinkedHashMap<>();
  private final Map<FeedbackCodes, Integer> counts = new LinkedHashMap<>();
  private final List<Finding> extra = new ArrayList<>();

  Faults(String subject) {
    this.subject = subject;
  }

  void add(FeedbackCodes code, String example) {
    counts.merge(code, 1, Integer::sum);
    List<String> l = examples.computeIfAbsent(code, k -> new ArrayList<>());
    if (l.size() < MAX_EVIDENCE) {
      l.add(Text.clean(example, 300));
    }
  }

  void add(Finding f) {
    extra.add(f);
  }

  boolean has(FeedbackCodes code) {
    return counts.containsKey(code) || extra.stream().anyMatch(f -> f.code() == code);
  }

  List<Finding> findings() {
    List<Finding> out = new ArrayList<>(extra);
    for (Map.Entry<FeedbackCodes, List<String>> e : examples.entrySet()) {
      int n = counts.get(e.getKey());
      out.add(Finding.of(e.getKey(), subject, message(e.getKey(), n)).withEvidence(e.getValue()));
    }
    return out;
  }

  private static String message(FeedbackCodes code, int n) {
    String times = n == 1 ? "once" : n + " times";
    return switch (code) {
      case VALUE_NORMALIZED -> "Values were normalised " + times + ".";
      case UNKNOWN_VALUE -> "Values outside the schema's lists occur " + times + ".";
      case MISSING_FIELD -> "Required fields are missing or empty (" + times + ").";
      case BAD_NUMBER -> "Counts or timestamps are not integers (" + times + ").";
      case BAD_ADDRESS -> "Source addresses are not IP addresses (" + times + ").";
      case EMPTY_REASON -> "Policy override reasons without a type (" + times + ").";
      case DUPLICATE_RECORD -> "Records repeated (" + times + "); their counts were summed.";
      default -> code.summary() + (n > 1 ? " (" + times + ")" : "");
    };
  }
}
