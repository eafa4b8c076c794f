package io.mxray.core.spf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes records to publish: a flattened record under the lookup limit, a merge of duplicate
 * records.
 */
public final class SpfFlattening {

  private SpfFlattening() {}

  /**
   * A flattened record.
   *
   * @param record the record text to publish
   * @param replaced the include terms it replaces
   * @param lookups DNS-querying terms it costs
   */
  public record Plan(String record, List<String> replaced, int lookups) {}

  /**
   * Replaces the costliest flattenable includes of the root by their address blocks until the
   * record fits {@code limit} lookups; empty when that is not possible.
   */
  public static Optional<Plan> plan(SpfTree root, int limit) {
    SpfParser.Parse parse = SpfParser.parse(root.record());
    if (!parse.ok()) {
      return Optional.empty();
    }
    List<SpfTree> includes =
        new ArrayList<>(root.children().stream().filter(c -> c.via().equals("include")).toList());
    includes.sort(Comparator.comparingInt(SpfTree::lookups).reversed());
    int total = root.lookups();
    Map<String, List<String>> replace = new HashMap<>();
    List<String> replaced = new ArrayList<>();
    for (SpfTree inc : includes) {
      if (total <= limit) {
        break;
      }
      if (inc.networks().isPresent() && !replace.containsKey(inc.term())) {
        replace.put(inc.term(), inc.networks().get());
        replaced.add(inc.term());
        total -= inc.lookups() + 1;
      }
    }
    if (total > limit || replaced.isEmpty()) {
      return Optional.empty();
    }
    Set<String> terms = new LinkedHashSet<>();
    for (SpfTerm t : parse.record().orElseThrow().terms()) {
      List<String> nets = replace.get(t.text());
      if (nets != null) {
        terms.addAll(nets);
      } else {
        terms.add(t.text());
      }
    }
    return Optional.of(new Plan("v=spf1 " + String.join(" ", terms), replaced, total));
  }

  /**
   * One record combining the terms of several (duplicates dropped, one all at the end); empty if
   * any is broken.
   */
  public static Optional<String> merge(List<String> records) {
    Set<String> terms = new LinkedHashSet<>();
    String all = null;
    for (String r : records) {
      SpfParser.Parse p = SpfParser.parse(r);
      if (!p.ok()) {
        return Optional.empty();
      }
      for (SpfTerm t : p.record().orElseThrow().terms()) {
        if (t instanceof SpfDirective d && d.mechanism() == SpfMechanism.ALL) {
          all = all == null ? d.text() : all;
        } else if (t instanceof SpfModifier m && m.isRedirect()) {
          return Optional.empty();
        } else {
          terms.add(t.text());
        }
      }
    }
    return Optional.of("v=spf1 " + String.join(" ", terms) + (all == null ? " ~all" : " " + all));
  }
}
