package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import java.util.List;

/**
 * A DMARC failure report about one message (RFC 6591 authentication failure report in the RFC 5965
 * ARF format, or a free-text report read heuristically when {@code arf} is false).
 *
 * @param orgName who sent the report: the report message's From domain, else the User-Agent
 * @param reportId the report message's Message-ID, else a digest of the report
 * @param authFailure dmarc, dkim, spf, bodyhash, revoked, signature, … ("" when not said)
 * @param identityAlignment none, spf, dkim or "dkim, spf" ("" when not said)
 * @param originalHeaders the failed message's header section as given (capped), "" when absent
 */
public record FailureReport(
    String orgName,
    String reportId,
    DateRange dateRange,
    boolean arf,
    String feedbackType,
    String userAgent,
    String sourceIp,
    String reportedDomain,
    String originalMailFrom,
    String originalRcptTo,
    String authFailure,
    String deliveryResult,
    String identityAlignment,
    String dkimDomain,
    String dkimSelector,
    String spfDns,
    List<String> authenticationResults,
    String headerFrom,
    String subject,
    String messageId,
    String originalHeaders,
    List<Finding> findings)
    implements FeedbackReport {

  public FailureReport {
    authenticationResults = List.copyOf(authenticationResults);
    findings = List.copyOf(findings);
  }

  @Override
  public Kind kind() {
    return Kind.DMARC_FAILURE;
  }

  @Override
  public String policyDomain() {
    return reportedDomain;
  }
}
