package io.mxray.core.spf;

import java.util.List;
import java.util.Optional;

/**
 * One term visited during evaluation.
 *
 * @param term the term as written
 * @param target the domain or address it looked at after macro expansion (empty when none)
 * @param outcome "match", "no-match", "skipped" or the error result ("permerror", "temperror")
 * @param lookups DNS-querying terms this step cost (0 or 1, plus what an include/redirect below
 *     cost)
 * @param voidLookups void lookups this step caused (its own, plus what an include/redirect below
 *     caused)
 * @param queries the DNS questions asked, as "name TYPE STATUS (n records)"
 * @param note why, in a few words (e.g. "11th DNS-querying term")
 * @param child the evaluation of an include or redirect target
 */
public record SpfTraceStep(
    String term,
    String target,
    String outcome,
    int lookups,
    int voidLookups,
    List<String> queries,
    String note,
    Optional<SpfTraceNode> child) {

  public SpfTraceStep {
    queries = List.copyOf(queries);
  }
}
