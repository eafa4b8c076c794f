package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DMARC aggregate report (RFC 7489 Appendix C; DMARCbis aggregate reporting).
 *
 * @param schema which schema the document follows: {@code rfc7489} (no namespace or the RFC's),
 *     {@code dmarcbis} ({@code urn:ietf:params:xml:ns:dmarc-2.0}) or {@code draft} (the pre-RFC
 *     {@code http://dmarc.org/dmarc-xml/0.1} namespace, or pre-RFC element names)
 * @param version the {@code version} element, "" when absent
 * @param generator DMARCbis {@code generator}, "" when absent
 * @param errors {@code error} elements of the metadata
 * @param records the rows, duplicates merged, in document order
 */
public record AggregateReport(
    String schema,
    String version,
    String orgName,
    String email,
    String extraContactInfo,
    String reportId,
    DateRange dateRange,
    String generator,
    List<String> errors,
    PolicyPublished policy,
    List<Row> records,
    List<Finding> findings)
    implements FeedbackReport {

  public AggregateReport {
    errors = List.copyOf(errors);
    records = List.copyOf(records);
    findings = List.copyOf(findings);
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public Kind kind() {
    return Kind.DMARC_AGGREGATE;
  }

  @Override
  public String policyDomain() {
    return policy.domain();
  }

  /** The number of messages the report covers: the sum of the record counts. */
  public long messages() {
    return records.stream().mapToLong(Row::count).sum();
  }

  /**
   * The published policy the receiver saw. Absent tags are empty (or empty optionals), not their
   * defaults: the report says what was published.
   */
  public record PolicyPublished(
      String domain,
      String discoveryMethod,
      String adkim,
      String aspf,
      String p,
      String sp,
      String np,
      OptionalInt pct,
      String fo,
      String testing) {}

  /**
   * One record: a source IP, a message count and how DMARC treated them.
   *
   * @param sourceIp the connecting address as written (canonical when it parsed)
   * @param disposition none, quarantine, reject or (DMARCbis) pass
   * @param dkimAligned the DMARC-aligned DKIM outcome: pass or fail
   * @param spfAligned the DMARC-aligned SPF outcome: pass or fail
   * @param envelopeFrom "" when absent; may be empty for a null reverse path
   */
  public record Row(
      String sourceIp,
      long count,
      String disposition,
      String dkimAligned,
      String spfAligned,
      List<Reason> reasons,
      String headerFrom,
      String envelopeFrom,
      String envelopeTo,
      List<DkimAuth> dkim,
      List<SpfAuth> spf) {

    public Row {
      reasons = List.copyOf(reasons);
      dkim = List.copyOf(dkim);
      spf = List.copyOf(spf);
    }

    /** DMARC passed: at least one aligned identifier passed (RFC 7489 §3.1, §6.6.2). */
    public boolean dmarcPass() {
      return "pass".equals(dkimAligned) || "pass".equals(spfAligned);
    }

    public Optional<SpfAuth> mailFromSpf() {
      return spf.stream().filter(s -> s.scope().isEmpty() || s.scope().equals("mfrom")).findFirst();
    }

    Row withCount(long c) {
      return new Row(
          sourceIp,
          c,
          disposition,
          dkimAligned,
          spfAligned,
          reasons,
          headerFrom,
          envelopeFrom,
          envelopeTo,
          dkim,
          spf);
    }

    /** Everything but the count: what makes two records the same. */
    Row key() {
      return withCount(0);
    }
  }

  /** A policy override reason: its type (forwarded, local_policy, …) and free-text comment. */
  public record Reason(String type, String comment) {}

  /** A DKIM result, uninterpreted with respect to DMARC. */
  public record DkimAuth(String domain, String selector, String result, String humanResult) {}

  /** An SPF result; {@code scope} is mfrom, helo or "" when the report does not say. */
  public record SpfAuth(String domain, String scope, String result, String humanResult) {}
}
