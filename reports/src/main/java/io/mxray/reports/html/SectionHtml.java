package io.mxray.reports.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.finding.Finding;
import io.mxray.reports.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-section HTML report for results that are not domain audits (SPF evaluation, probes,
 * bounces, explanations; message analysis has its own page, {@link HeadersHtml}): the findings, and
 * the result's JSON document (without its findings) as facts. The section's partial is the one
 * named by {@code checkId}, or the generic facts tables.
 */
public final class SectionHtml {

  private SectionHtml() {}

  public static String of(
      String subject,
      String checkId,
      String title,
      List<Finding> findings,
      ObjectNode json,
      Instant at,
      String generator) {
    return of(subject, checkId, title, findings, json, Map.of(), at, generator);
  }

  /**
   * As above, with view-model facts for the section's own partial ({@code extra}) beside the
   * result's JSON facts.
   */
  static String of(
      String subject,
      String checkId,
      String title,
      List<Finding> findings,
      ObjectNode json,
      Map<String, Object> extra,
      Instant at,
      String generator) {
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = new LinkedHashMap<>(Json.mapper().convertValue(json, Map.class));
    facts.putAll(extra);
    facts.remove("findings");
    facts.remove("schemaVersion");
    CheckResult section = new CheckResult(CheckId.of(checkId), title, findings, facts, 0);
    AuditReport report =
        new AuditReport(subject, section.severity(), List.of(section), List.of(), at, 0);
    return AuditHtml.of(report, generator);
  }
}
