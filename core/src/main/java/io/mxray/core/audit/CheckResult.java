package io.mxray.core.audit;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one check found: findings plus facts (plain data for reports: strings, numbers, booleans,
 * lists and maps of those, in insertion order).
 */
public record CheckResult(
    CheckId id, String title, List<Finding> findings, Map<String, Object> facts, long durationMs) {

  public CheckResult {
    findings = List.copyOf(findings);
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** Worst severity among the findings; PASS when there are none. */
  public Severity severity() {
    return Severity.worstOf(findings.stream().map(Finding::severity).toList());
  }

  public CheckResult withDuration(long ms) {
    return new CheckResult(id, title, findings, facts, ms);
  }

  /** Findings sorted worst first (stable within a severity). */
  public List<Finding> findingsWorstFirst() {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        (a, b) ->
            a.severity().isWorseThan(b.severity())
                ? -1
                : b.severity().isWorseThan(a.severity()) ? 1 : 0);
    return sorted;
  }

  public boolean has(String codeId) {
    return findings.stream().anyMatch(f -> f.codeId().equals(codeId));
  }

  public static Builder builder(CheckId id, String title) {
    return new Builder(id, title);
  }

  /** Collects findings and facts while a check runs. */
  public static final class Builder {
    private final CheckId id;
    private final String title;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private Builder(CheckId id, String title) {
      this.id = id;
      this.title = title;
    }

    public Builder add(Finding f) {
      findings.add(f);
      return this;
    }

    public Builder addAll(List<Finding> fs) {
      findings.addAll(fs);
      return this;
    }

    public Builder fact(String key, Object value) {
      facts.put(key, value);
      return this;
    }

    public boolean has(String codeId) {
      return findings.stream().anyMatch(f -> f.codeId().equals(codeId));
    }

    public Severity worst() {
      return Severity.worstOf(findings.stream().map(Finding::severity).toList());
    }

    public CheckResult build() {
      return new CheckResult(id, title, findings, facts, 0);
    }
  }
}
