package io.mxray.core.insight;

import io.mxray.core.finding.Finding;
import java.time.Instant;
import java.util.List;

/**
 * What a domain's TLS reports (RFC 8460) say for a period, joined with the live checks of the same
 * MX hosts.
 *
 * @param rows one per (policy type, receiving MX, result type) with failed sessions
 */
public record TlsInsight(
    String domain,
    Instant from,
    Instant to,
    int reports,
    List<String> reporters,
    long successfulSessions,
    long failedSessions,
    List<Row> rows,
    boolean audited,
    List<Finding> findings) {

  public TlsInsight {
    reporters = List.copyOf(reporters);
    rows = List.copyOf(rows);
    findings = List.copyOf(findings);
  }

  /** Whether the live checks show the cause a sender reported. */
  public enum Live {
    /** A live finding of the same MX explains the failure. */
    CONFIRMED,
    /** The relevant live check ran and found nothing wrong. */
    NOT_REPRODUCED,
    /** The relevant live check did not run (no audit, or probing was off). */
    NOT_TESTED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * @param mx the receiving MX host name ("" when the reports do not name one)
   * @param check the audit check that tests this kind of failure (smtp, mta-sts, dane)
   * @param liveFindings codes of that check's findings about the MX that explain the failure
   */
  public record Row(
      String policyType,
      String mx,
      String resultType,
      long sessions,
      List<String> sendingIps,
      String check,
      Live live,
      List<String> liveFindings) {
    public Row {
      sendingIps = List.copyOf(sendingIps);
      liveFindings = List.copyOf(liveFindings);
    }
  }
}
