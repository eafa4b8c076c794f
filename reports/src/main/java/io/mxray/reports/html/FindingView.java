package io.mxray.reports.html;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.List;

/**
 * A finding as templates see it: plain strings, severity as a CSS-friendly id plus a readable
 * label.
 */
public record FindingView(
    String code,
    String severity,
    String severityLabel,
    String subject,
    String message,
    String remediation,
    String rfc,
    String rfcUrl,
    String summary,
    List<String> evidence) {

  public static FindingView of(Finding f) {
    return new FindingView(
        f.codeId(),
        f.severity().id(),
        label(f.severity()),
        f.subject(),
        f.message(),
        f.remediation(),
        f.rfc().toString(),
        f.rfc().url(),
        f.code().summary(),
        f.evidence());
  }

  /** Words, not only colours, for every severity (screen readers, colour blindness, printouts). */
  public static String label(Severity s) {
    return switch (s) {
      case PASS -> "Pass";
      case INFO -> "Info";
      case WARN -> "Warning";
      case FAIL -> "Fail";
      case INCONCLUSIVE -> "Inconclusive";
    };
  }

  public boolean hasEvidence() {
    return !evidence.isEmpty();
  }

  public int evidenceCount() {
    return evidence.size();
  }

  public boolean hasRemediation() {
    return !remediation.isEmpty();
  }
}
