package io.mxray.core.spf;

import java.util.List;

/**
 * The evaluation of one domain's record: the top-level {@code check_host()}, an include or a
 * redirect.
 *
 * @param domain the domain whose record was evaluated
 * @param via "check_host", "include" or "redirect"
 * @param record the record text (empty when none was found)
 * @param queries the record lookup(s)
 * @param steps the terms visited, in order
 * @param result what this record evaluated to
 * @param note why, when the result is an error or none
 */
public record SpfTraceNode(
    String domain,
    String via,
    String record,
    List<String> queries,
    List<SpfTraceStep> steps,
    SpfResult result,
    String note) {

  public SpfTraceNode {
    queries = List.copyOf(queries);
    steps = List.copyOf(steps);
  }
}
