package io.mxray.core.insight;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a domain's DMARC aggregate reports say for one period, checked against its current DNS.
 *
 * @param policyRecord the DMARC record published now ("" when none or not readable)
 * @param sources every sending source, by volume (DNS was consulted for the first {@link
 *     DmarcInsightAnalyzer#MAX_LOOKED_UP} only; {@code checkedNow} says which)
 * @param blocking the sources the verdict names: they would lose mail under the next step
 */
public record DmarcInsight(
    String domain,
    Instant from,
    Instant to,
    int reports,
    List<String> reporters,
    long messages,
    long dmarcPass,
    long spfAlignedPass,
    long dkimAlignedPass,
    String policyRecord,
    String currentPolicy,
    Verdict verdict,
    String nextStep,
    List<Source> sources,
    List<String> blocking,
    List<PolicyStep> steps,
    List<Day> days,
    List<Finding> findings) {

  public DmarcInsight {
    reporters = List.copyOf(reporters);
    sources = List.copyOf(sources);
    blocking = List.copyOf(blocking);
    steps = List.copyOf(steps);
    days = List.copyOf(days);
    findings = List.copyOf(findings);
  }

  /** Whether the domain can move to the next policy step. */
  public enum Verdict {
    READY,
    NOT_READY,
    NO_DATA;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** What a source is, judged from the reports and the current DNS. */
  public enum Category {
    /** Passes DMARC (aligned SPF or DKIM). */
    ALIGNED,
    /** Failed in the reports, but the current SPF record authorises it now. */
    FIXED_SINCE,
    /** Authenticates as another domain (a service's bounce domain or DKIM d=). */
    THIRD_PARTY,
    /** Signs with the domain's DKIM key, but the signatures fail. */
    DKIM_BROKEN,
    /** Reached the receiver through a forwarder or list that broke authentication. */
    FORWARDED,
    /** Authenticates as nobody and sends enough to be checked: is it yours? */
    NOT_IN_SPF,
    /** Authenticates as nobody, low volume: most likely spoofing. */
    UNAUTHENTICATED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One sending source (an IP address) over the period.
   *
   * @param ptr its reverse DNS name, "" when none or not looked up
   * @param share percentage of the domain's messages (0–100)
   * @param spfAlignedPass messages with aligned SPF pass
   * @param dkimAlignedPass messages with aligned DKIM pass
   * @param dkimDomains the d= domains its signatures had, with results ("vendor.example pass")
   * @param spfDomains the SPF domains checked, with results ("bounces.vendor.example pass")
   * @param spfNow the domain's SPF evaluated now for this address ("pass", "fail", … "" when not
   *     checked)
   * @param spfNowMatch the term that matched now (e.g. "include:_spf.vendor.example")
   * @param dkimKeysNow the aligned selectors' keys now ("s1._domainkey.lab.example present")
   * @param checkedNow whether the current DNS was consulted for this source
   * @param fix what to do, "" when nothing
   * @param proposedSpf an SPF record that would authorise the source, "" when none is proposed
   * @param proposedSpfPasses whether that record, evaluated as if published, passes for the source
   */
  public record Source(
      String ip,
      String ptr,
      long messages,
      double share,
      long dmarcPass,
      long spfAlignedPass,
      long dkimAlignedPass,
      List<String> headerFrom,
      List<String> envelopeFrom,
      List<String> dkimDomains,
      List<String> spfDomains,
      List<String> reasons,
      Category category,
      String spfNow,
      String spfNowMatch,
      List<String> dkimKeysNow,
      boolean checkedNow,
      String fix,
      String proposedSpf,
      boolean proposedSpfPasses) {
    public Source {
      headerFrom = List.copyOf(headerFrom);
      envelopeFrom = List.copyOf(envelopeFrom);
      dkimDomains = List.copyOf(dkimDomains);
      spfDomains = List.copyOf(spfDomains);
      reasons = List.copyOf(reasons);
      dkimKeysNow = List.copyOf(dkimKeysNow);
    }
  }

  /**
   * What a policy would do to the reported mail.
   *
   * @param policy e.g. "p=reject" or "p=quarantine; pct=50"
   * @param affected messages that would be quarantined or rejected (pct applied)
   * @param affectedWanted of those, from sources that look like yours (third parties, broken DKIM,
   *     forwarders, not-in-SPF sources with volume)
   */
  public record PolicyStep(
      String policy, String action, long affected, long affectedWanted, double share) {}

  /** Messages per day (UTC) of the period, for charts. */
  public record Day(LocalDate day, long pass, long fail) {}

  public Severity severity() {
    return Severity.worstOf(findings.stream().map(Finding::severity).toList());
  }
}
