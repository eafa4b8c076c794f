package io.mxray.core.headers;

import io.mxray.core.arc.ArcResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.SpfVerifier.SpfVerdict;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.Message;
import java.util.List;
import java.util.Optional;

/**
 * Everything mxray learned from one message: the hop chain, decoded headers, authentication
 * (re-)verification, spam-filter verdicts, the bulk-sender checklist and findings.
 *
 * @param message the parsed message
 * @param identity From, Return-Path, Message-ID, Date
 * @param chain the Received chain, oldest hop first
 * @param authResults every Authentication-Results field, topmost first
 * @param receivedSpf the topmost Received-SPF field, when present
 * @param dkim DKIM verification of every signature
 * @param spf SPF for the origin IP and envelope sender
 * @param dmarc DMARC alignment and result
 * @param arc ARC chain validation
 * @param antispam decoded spam-filter headers
 * @param checklist the bulk-sender requirements
 * @param mime the MIME structure of the body
 * @param findings advice, in analysis order
 */
public record MessageAnalysis(
    Message message,
    Identity identity,
    ReceivedChain chain,
    List<AuthResults> authResults,
    Optional<ReceivedSpf> receivedSpf,
    DkimReport dkim,
    SpfReport spf,
    DmarcReport dmarc,
    ArcReport arc,
    List<Antispam.Report> antispam,
    List<ChecklistItem> checklist,
    MimeStructure.Result mime,
    List<Finding> findings) {

  public MessageAnalysis {
    authResults = List.copyOf(authResults);
    antispam = List.copyOf(antispam);
    checklist = List.copyOf(checklist);
    findings = List.copyOf(findings);
  }

  public Severity worst() {
    return Severity.worstOf(findings.stream().map(Finding::severity).toList());
  }

  /** DKIM results; {@code evaluated} is false when verification was switched off (no DNS). */
  public record DkimReport(
      boolean evaluated, String reason, List<DkimSignatureVerification> signatures) {
    public DkimReport {
      signatures = List.copyOf(signatures);
    }
  }

  /**
   * SPF for the message.
   *
   * @param verdict our evaluation (or "not evaluated")
   * @param ip the origin IP it applies to ("" when none was found)
   * @param mailFrom the envelope sender (Return-Path)
   * @param helo the origin's HELO name
   * @param receiverResult what the receiver recorded (Authentication-Results spf= or Received-SPF),
   *     "" if nothing
   * @param receiverDomain the domain the receiver checked (smtp.mailfrom)
   */
  public record SpfReport(
      SpfVerdict verdict,
      String ip,
      String mailFrom,
      String helo,
      String receiverResult,
      String receiverDomain) {}

  /**
   * DMARC for the message (RFC 7489 §4.2, §6.6).
   *
   * @param result pass, fail or none (no policy, or not evaluated)
   * @param evaluated whether a policy was looked up
   * @param reason details
   * @param fromDomain the RFC5322.From domain
   * @param orgDomain its organizational domain
   * @param policy p= that applies ("" unknown)
   * @param dkimAligned a passing DKIM signature is aligned
   * @param spfAligned SPF passed for an aligned envelope domain (our result, else the receiver's)
   * @param dkimDomains the d= of passing signatures
   * @param receiverResult the receiver's dmarc= result, "" when not recorded
   */
  public record DmarcReport(
      String result,
      boolean evaluated,
      String reason,
      String fromDomain,
      String orgDomain,
      String policy,
      boolean dkimAligned,
      boolean spfAligned,
      List<String> dkimDomains,
      String receiverResult) {
    public DmarcReport {
      dkimDomains = List.copyOf(dkimDomains);
    }
  }

  /** ARC results; {@code evaluated} false when verification was switched off. */
  public record ArcReport(boolean evaluated, ArcResult result, String receiverResult) {}
}
