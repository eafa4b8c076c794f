package io.mxray.core.finding;

import java.util.List;
import java.util.Objects;

/**
 * One piece of advice: a stable code, how bad it is, what it is about, what we saw, and what to do.
 *
 * @param code stable catalogue code
 * @param severity severity of this occurrence (usually the code's default)
 * @param subject what the finding is about: a domain, a host name, an IP, a record
 * @param message what we saw, in one or two sentences
 * @param remediation what to do; the exact record to publish when we know it; empty when nothing to
 *     do
 * @param rfc the rule's source
 * @param evidence raw data that backs the finding (records, replies); attacker controlled, render
 *     escaped
 */
public record Finding(
    FindingCode code,
    Severity severity,
    String subject,
    String message,
    String remediation,
    RfcRef rfc,
    List<String> evidence) {

  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    subject = Objects.requireNonNullElse(subject, "");
    message = Objects.requireNonNullElse(message, "");
    remediation = Objects.requireNonNullElse(remediation, "");
    rfc = Objects.requireNonNullElse(rfc, code.rfc());
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /** A finding with the code's default severity and RFC reference. */
  public static Finding of(FindingCode code, String subject, String message) {
    return new Finding(code, code.defaultSeverity(), subject, message, "", code.rfc(), List.of());
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(code, newSeverity, subject, message, remediation, rfc, evidence);
  }

  public Finding withRemediation(String text) {
    return new Finding(code, severity, subject, message, text, rfc, evidence);
  }

  public Finding withEvidence(List<String> lines) {
    return new Finding(code, severity, subject, message, remediation, rfc, lines);
  }

  public Finding withEvidence(String... lines) {
    return withEvidence(List.of(lines));
  }

  public Finding withRfc(RfcRef ref) {
    return new Finding(code, severity, subject, message, remediation, ref, evidence);
  }

  /** The code's id, handy for assertions and logs. */
  public String codeId() {
    return code.id();
  }
}
