package io.mxray.reports;

import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfRequest;
import io.mxray.core.spf.SpfResult;
import io.mxray.core.spf.SpfTraceNode;
import io.mxray.core.spf.SpfTraceStep;
import java.util.List;
import java.util.Map;

/**
 * Terminal rendering of {@code mxray spf}: the include/redirect tree with lookup counts, or a
 * trace.
 */
public final class SpfText {

  private SpfText() {}

  public static String audit(String domain, CheckResult r, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold("mxray spf " + domain))
        .append(" — ")
        .append(ansi.severity(r.severity(), TextFindings.label(r.severity())))
        .append('\n');
    Object lookups = r.facts().get("lookups");
    if (lookups != null) {
      out.append("DNS-querying terms: ")
          .append(lookups)
          .append(" of 10;  void lookups: ")
          .append(r.facts().get("voidLookups"))
          .append(" of 2\n");
    }
    Object tree = r.facts().get("tree");
    if (tree instanceof Map<?, ?> m) {
      out.append('\n')
          .append(ansi.bold("Include/redirect tree"))
          .append(ansi.dim("  (lookups: this term + below)"))
          .append('\n');
      @SuppressWarnings("unchecked")
      Map<String, Object> root = (Map<String, Object>) m;
      node(out, root, "", "", ansi);
    } else if (r.facts().get("record") != null) {
      out.append("Record: ")
          .append(Ansi.clean(String.valueOf(r.facts().get("record"))))
          .append('\n');
    }
    out.append('\n');
    TextFindings.append(out, r.findings(), ansi);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void node(
      StringBuilder out, Map<String, Object> n, String first, String rest, Ansi ansi) {
    String term = String.valueOf(n.get("term"));
    int total = ((Number) n.get("lookups")).intValue();
    String label =
        term.isEmpty()
            ? String.valueOf(n.get("domain"))
            : term + "  " + ansi.dim("→ " + n.get("domain"));
    String count =
        term.isEmpty() ? total + " lookups" : "1 + " + total + " = " + (total + 1) + " lookups";
    out.append(first).append(Ansi.clean(label)).append("  [").append(count).append(']');
    Object problem = n.get("problem");
    if (problem != null) {
      out.append("  ").append(ansi.severity(Severity.FAIL, "✗ " + problem));
    }
    int voids = ((Number) n.get("voidLookups")).intValue();
    if (voids > 0) {
      out.append("  ").append(ansi.severity(Severity.WARN, voids + " void"));
    }
    out.append('\n');
    String record = String.valueOf(n.get("record"));
    List<Map<String, Object>> children = (List<Map<String, Object>>) n.get("children");
    String pad = rest + (children.isEmpty() ? "    " : "│   ");
    if (!record.isEmpty()) {
      out.append(pad).append(ansi.dim(Ansi.clean(record))).append('\n');
    }
    String detail = String.valueOf(n.get("detail"));
    if (!detail.isEmpty()) {
      out.append(pad).append(Ansi.clean(detail)).append('\n');
    }
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      node(
          out,
          children.get(i),
          rest + (last ? "└── " : "├── "),
          rest + (last ? "    " : "│   "),
          ansi);
    }
  }

  public static String evaluation(
      SpfRequest req, SpfEvaluation e, List<Finding> findings, Ansi ansi) {
    StringBuilder out = new StringBuilder();
    out.append(
            ansi.bold(
                "check_host("
                    + Addresses.toText(req.ip())
                    + ", "
                    + Ansi.clean(req.domain())
                    + ", "
                    + Ansi.clean(req.sender())
                    + ")"))
        .append(" = ")
        .append(ansi.severity(severity(e.result()), e.result().id()))
        .append('\n');
    e.mechanism().ifPresent(m -> out.append("Mechanism:   ").append(Ansi.clean(m)).append('\n'));
    e.explanation().ifPresent(x -> out.append("Explanation: ").append(Ansi.clean(x)).append('\n'));
    if (!e.reason().isEmpty()) {
      out.append("Reason:      ").append(Ansi.clean(e.reason())).append('\n');
    }
    out.append("Lookups:     ")
        .append(e.lookups())
        .append(" of 10 DNS-querying terms, ")
        .append(e.voidLookups())
        .append(" of 2 void lookups\n\n")
        .append(ansi.bold("Trace"))
        .append('\n');
    trace(out, e.trace(), "", ansi);
    if (!findings.isEmpty()) {
      out.append('\n');
      TextFindings.append(out, findings, ansi);
    }
    return out.toString();
  }

  private static void trace(StringBuilder out, SpfTraceNode n, String indent, Ansi ansi) {
    out.append(indent)
        .append(ansi.bold(Ansi.clean(n.domain())))
        .append(" (")
        .append(n.via())
        .append(") = ")
        .append(ansi.severity(severity(n.result()), n.result().id()));
    if (!n.note().isEmpty()) {
      out.append("  ").append(ansi.dim(Ansi.clean(n.note())));
    }
    out.append('\n');
    if (!n.record().isEmpty()) {
      out.append(indent).append("  ").append(ansi.dim(Ansi.clean(n.record()))).append('\n');
    }
    for (SpfTraceStep s : n.steps()) {
      out.append(indent).append("  ").append(Ansi.clean(s.term()));
      if (!s.target().isEmpty() && !s.term().endsWith(s.target())) {
        out.append(ansi.dim(" → " + Ansi.clean(s.target())));
      }
      out.append("  ").append(s.outcome().equals("match") ? ansi.bold("match") : s.outcome());
      out.append(
          ansi.dim(
              "  ["
                  + s.lookups()
                  + " lookup"
                  + (s.lookups() == 1 ? "" : "s")
                  + (s.voidLookups() > 0 ? ", " + s.voidLookups() + " void" : "")
                  + "]"));
      if (!s.note().isEmpty()) {
        out.append("  ").append(Ansi.clean(s.note()));
      }
      out.append('\n');
      for (String q : s.queries()) {
        out.append(indent).append("      ").append(ansi.dim("? " + Ansi.clean(q))).append('\n');
      }
      s.child().ifPresent(c -> trace(out, c, indent + "    ", ansi));
    }
  }

  /** How a result reads at a glance. */
  public static Severity severity(SpfResult r) {
    return switch (r) {
      case PASS -> Severity.PASS;
      case NONE, NEUTRAL -> Severity.WARN;
      case FAIL, SOFTFAIL, PERMERROR -> Severity.FAIL;
      case TEMPERROR -> Severity.INCONCLUSIVE;
    };
  }
}
