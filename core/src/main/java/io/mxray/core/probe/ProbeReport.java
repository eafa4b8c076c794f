package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of probing a host (or a domain's MX hosts): each port's result plus findings about the
 * whole (name resolution, OP25B).
 *
 * @param query what was asked for: a host name, an IP or a domain
 * @param ports per-port results, in probe order
 * @param findings findings not about one port
 * @param durationMs wall time
 */
public record ProbeReport(
    String query, List<ProbeResult> ports, List<Finding> findings, long durationMs) {

  public ProbeReport {
    ports = List.copyOf(ports);
    findings = List.copyOf(findings);
  }

  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(findings);
    ports.forEach(p -> all.addAll(p.findings()));
    return all;
  }

  public Severity severity() {
    return Severity.worstOf(allFindings().stream().map(Finding::severity).toList());
  }
}
