package io.mxray.core.audit;

import io.mxray.core.dns.DomainName;
import io.mxray.core.net.Cidr;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to audit and how.
 *
 * @param domain the domain, validated
 * @param checks check ids or prefixes to run; empty means every check
 * @param probe whether checks may open connections to the domain's servers
 * @param dkimSelectors DKIM selectors to look at besides the common ones
 * @param assumePublic address blocks to treat as public (labs and fixtures use documentation or
 *     loopback addresses that would otherwise be flagged as unroutable)
 * @param checkTimeout deadline for each check
 * @param extraTrust CA certificates to trust besides the JDK's store when probing (a private CA, a
 *     lab)
 * @param dkimDiscovery whether to try the common DKIM selectors (dozens of questions per domain)
 *     besides the given ones; batches turn it off by default
 */
public record AuditRequest(
    DomainName domain,
    Set<String> checks,
    boolean probe,
    List<String> dkimSelectors,
    List<Cidr> assumePublic,
    Duration checkTimeout,
    List<X509Certificate> extraTrust,
    boolean dkimDiscovery) {

  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(60);

  public AuditRequest {
    Objects.requireNonNull(domain, "domain");
    checks = Set.copyOf(checks);
    dkimSelectors = List.copyOf(dkimSelectors);
    assumePublic = List.copyOf(assumePublic);
    Objects.requireNonNull(checkTimeout, "checkTimeout");
    extraTrust = List.copyOf(extraTrust);
  }

  /** A request for another domain with the same settings (batch audits). */
  public AuditRequest forDomain(DomainName other) {
    return new AuditRequest(
        other, checks, probe, dkimSelectors, assumePublic, checkTimeout, extraTrust, dkimDiscovery);
  }

  public AuditRequest withExtraTrust(List<X509Certificate> cas) {
    return new AuditRequest(
        domain, checks, probe, dkimSelectors, assumePublic, checkTimeout, cas, dkimDiscovery);
  }

  public static AuditRequest of(String domain) {
    return new AuditRequest(
        DomainName.parse(domain),
        Set.of(),
        false,
        List.of(),
        List.of(),
        DEFAULT_CHECK_TIMEOUT,
        List.of(),
        true);
  }

  public AuditRequest withChecks(Set<String> selectors) {
    return new AuditRequest(
        domain,
        selectors,
        probe,
        dkimSelectors,
        assumePublic,
        checkTimeout,
        extraTrust,
        dkimDiscovery);
  }

  public AuditRequest withProbe(boolean on) {
    return new AuditRequest(
        domain, checks, on, dkimSelectors, assumePublic, checkTimeout, extraTrust, dkimDiscovery);
  }

  public AuditRequest withDkimDiscovery(boolean on) {
    return new AuditRequest(
        domain, checks, probe, dkimSelectors, assumePublic, checkTimeout, extraTrust, on);
  }

  public AuditRequest withDkimSelectors(List<String> selectors) {
    return new AuditRequest(
        domain, checks, probe, selectors, assumePublic, checkTimeout, extraTrust, dkimDiscovery);
  }

  public AuditRequest withAssumePublic(List<Cidr> blocks) {
    return new AuditRequest(
        domain, checks, probe, dkimSelectors, blocks, checkTimeout, extraTrust, dkimDiscovery);
  }

  public AuditRequest withCheckTimeout(Duration timeout) {
    return new AuditRequest(
        domain, checks, probe, dkimSelectors, assumePublic, timeout, extraTrust, dkimDiscovery);
  }

  /** True if the check should run under this request's selection. */
  public boolean selects(CheckId id) {
    return checks.isEmpty() || checks.stream().anyMatch(id::matches);
  }

  /** True if {@code address} lies in a block the caller asked us to treat as public. */
  public boolean assumedPublic(InetAddress address) {
    return assumePublic.stream().anyMatch(c -> c.contains(address));
  }
}
