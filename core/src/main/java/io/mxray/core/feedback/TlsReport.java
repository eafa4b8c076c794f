package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import java.util.List;

/**
 * An SMTP TLS report (RFC 8460 §4.4): per policy the sending organisation applied, how many
 * sessions succeeded and failed, and the details of the failures.
 */
public record TlsReport(
    String orgName,
    DateRange dateRange,
    String contactInfo,
    String reportId,
    List<Policy> policies,
    List<Finding> findings)
    implements FeedbackReport {

  public TlsReport {
    policies = List.copyOf(policies);
    findings = List.copyOf(findings);
  }

  @Override
  public Kind kind() {
    return Kind.TLSRPT;
  }

  /** The first policy's domain (a report is sent per recipient domain). */
  @Override
  public String policyDomain() {
    return policies.isEmpty() ? "" : policies.get(0).domain();
  }

  public long successfulSessions() {
    return policies.stream().mapToLong(Policy::successful).sum();
  }

  public long failedSessions() {
    return policies.stream().mapToLong(Policy::failed).sum();
  }

  /**
   * One policy block.
   *
   * @param type sts, tlsa or no-policy-found
   * @param strings the policy as the sender saw it (MTA-STS lines or TLSA records)
   * @param mxHosts the MX patterns of an MTA-STS policy
   */
  public record Policy(
      String type,
      List<String> strings,
      String domain,
      List<String> mxHosts,
      long successful,
      long failed,
      List<Failure> failures) {
    public Policy {
      strings = List.copyOf(strings);
      mxHosts = List.copyOf(mxHosts);
      failures = List.copyOf(failures);
    }
  }

  /** A failure detail (RFC 8460 §4.3 result types). Absent members are "". */
  public record Failure(
      String resultType,
      String sendingMtaIp,
      String receivingMxHostname,
      String receivingMxHelo,
      String receivingIp,
      long sessions,
      String additionalInformation,
      String failureReasonCode) {}
}
