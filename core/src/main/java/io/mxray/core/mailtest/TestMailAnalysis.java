package io.mxray.core.mailtest;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.MessageAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * A test message analysed as received.
 *
 * @param ptr the connecting address's reverse DNS name, "" when none
 * @param ptrConfirmed the name resolves back to the address (FCrDNS)
 * @param genericRule the S25R/pool rule the name matches, "" when none
 * @param spfMailFrom SPF of the MAIL FROM identity on the real connecting address
 * @param spfHelo SPF of the HELO identity
 * @param dmarc alignment of the From domain with the envelope SPF result and the DKIM signatures
 * @param message the header, DKIM, ARC, checklist and hop analysis of the message
 * @param findings the envelope and connection findings (the message's own are in {@code message})
 */
public record TestMailAnalysis(
    String token,
    Delivery envelope,
    String ptr,
    boolean ptrConfirmed,
    String genericRule,
    Spf spfMailFrom,
    Spf spfHelo,
    Dmarc dmarc,
    MessageAnalysis message,
    List<Finding> findings) {

  public TestMailAnalysis {
    findings = List.copyOf(findings);
  }

  /** An SPF outcome: result (RFC 7208 §2.6, lower case), domain checked, deciding term. */
  public record Spf(String result, String domain, String mechanism, String reason) {}

  /**
   * @param policy p= of the From domain's record ("" when none)
   * @param result pass, fail, or none (no record) / temperror
   */
  public record Dmarc(
      String fromDomain,
      String record,
      String policy,
      boolean spfAligned,
      boolean dkimAligned,
      List<String> dkimDomains,
      String result) {
    public Dmarc {
      dkimDomains = List.copyOf(dkimDomains);
    }
  }

  /** Every finding: the envelope's, then the message's. */
  public List<Finding> allFindings() {
    List<Finding> l = new ArrayList<>(findings);
    l.addAll(message.findings());
    return l;
  }

  public Severity severity() {
    return Severity.worstOf(allFindings().stream().map(Finding::severity).toList());
  }
}
