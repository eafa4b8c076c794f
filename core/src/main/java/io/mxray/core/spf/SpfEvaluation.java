package io.mxray.core.spf;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code check_host()}.
 *
 * @param result the RFC 7208 result
 * @param mechanism the term that decided it (the matching directive, or "redirect=..." chain), if
 *     any
 * @param explanation the explanation string for a fail (§6.2), if any
 * @param lookups DNS-querying terms evaluated (the §4.6.4 count; at most limit + 1)
 * @param voidLookups void lookups seen
 * @param trace the full evaluation tree
 * @param problem why the result is an error, as a finding code, if it is one
 * @param reason one line saying why, for errors and none
 */
public record SpfEvaluation(
    SpfResult result,
    Optional<String> mechanism,
    Optional<String> explanation,
    int lookups,
    int voidLookups,
    SpfTraceNode trace,
    Optional<SpfCodes> problem,
    String reason) {

  /**
   * The findings an evaluation carries: its error, or {@code spf.missing} when the domain has no
   * record.
   */
  public List<Finding> findings(SpfRequest request) {
    List<Finding> out = new ArrayList<>();
    problem.ifPresent(code -> out.add(Finding.of(code, trace.domain(), reason)));
    if (result == SpfResult.NONE && reason.contains("publishes no SPF record")) {
      out.add(Finding.of(SpfCodes.MISSING, request.domain(), reason));
    }
    return out;
  }
}
