package io.mxray.core.dnsbl;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns blocklist verdicts into findings and plain facts. */
public final class DnsblFindings {

  private DnsblFindings() {}

  public static List<Finding> of(List<DnsblVerdict> verdicts) {
    List<Finding> out = new ArrayList<>();
    for (DnsblVerdict v : verdicts) {
      Blocklist l = v.list();
      switch (v.outcome()) {
        case LISTED -> {
          List<String> evidence = new ArrayList<>();
          evidence.add(v.query() + " A " + String.join(" ", v.answers()));
          if (!v.txt().isEmpty()) {
            evidence.add(v.query() + " TXT \"" + v.txt() + "\"");
          }
          out.add(
              Finding.of(
                      DnsblCodes.LISTED,
                      v.subject(),
                      v.subject()
                          + " is listed on "
                          + l.name()
                          + " ("
                          + l.zone()
                          + "): "
                          + String.join("; ", v.meanings())
                          + ". Receivers that use this list will reject or junk mail from it.")
                  .withRemediation(
                      "Find and fix the cause (compromised account or host, open relay, a bulk sender without"
                          + " consent), then request removal at "
                          + l.removalUrl())
                  .withEvidence(evidence));
        }
        case REFUSED ->
            out.add(
                Finding.of(
                        DnsblCodes.QUERY_REFUSED,
                        v.subject(),
                        l.name()
                            + " did not answer the query for "
                            + v.subject()
                            + ": "
                            + String.join("; ", v.meanings())
                            + ". This is not a listing; the status on this list is unknown.")
                    .withRemediation(
                        "Query the list through your own recursive resolver (not a public one such as"
                            + " 8.8.8.8), or register for the list's data feed.")
                    .withEvidence(v.query() + " A " + String.join(" ", v.answers())));
        case FAILED ->
            out.add(
                Finding.of(
                        DnsblCodes.TIMEOUT,
                        v.subject(),
                        l.name()
                            + " could not be asked about "
                            + v.subject()
                            + " ("
                            + String.join("; ", v.meanings())
                            + "); the status on this list is unknown.")
                    .withRemediation("Retry later or with another resolver (--resolver).")
                    .withEvidence(v.query()));
        default -> {
          // NOT_LISTED and NOT_APPLICABLE need no finding; facts carry them.
        }
      }
    }
    return out;
  }

  public static List<Map<String, Object>> facts(List<DnsblVerdict> verdicts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DnsblVerdict v : verdicts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("list", v.list().id());
      m.put("subject", v.subject());
      m.put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      if (!v.answers().isEmpty()) {
        m.put("answers", v.answers());
      }
      if (!v.meanings().isEmpty()) {
        m.put("meanings", v.meanings());
      }
      out.add(m);
    }
    return out;
  }
}
