package io.mxray.core.bounce;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.List;

/** The explanation of one message: its kind, every recipient classified, and the findings. */
public record BounceReport(
    BounceMessage message, List<ExplainedRecipient> recipients, List<Finding> findings) {

  public BounceReport {
    recipients = List.copyOf(recipients);
    findings = List.copyOf(findings);
  }

  public Severity severity() {
    return Severity.worstOf(findings.stream().map(Finding::severity).toList());
  }
}
