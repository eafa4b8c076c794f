package io.mxray.core.insight;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.feedback.TlsReport;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.insight.TlsInsight.Live;
import io.mxray.core.insight.TlsInsight.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins TLS-RPT failures with a live audit of the domain. Each RFC 8460 §4.3 result type is tested
 * by one audit check: certificate and STARTTLS failures by the SMTP probe ({@code smtp}), MTA-STS
 * policy failures by {@code mta-sts}, TLSA and DNSSEC failures by {@code dane}. A failure is
 * confirmed when that check reports a problem (WARN or FAIL) whose subject names the same MX host
 * (or, for policy failures, the domain); it reads only finding codes and subjects, so it does not
 * depend on how a check keeps its facts.
 */
public final class TlsInsightAnalyzer {

  private TlsInsightAnalyzer() {}

  /** The audit check that tests a result type, and the finding-code prefixes that explain it. */
  static String checkFor(String resultType) {
    return switch (resultType) {
      case "sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid" -> "mta-sts";
      case "tlsa-invalid", "dnssec-invalid", "dane-required" -> "dane";
      default -> "smtp";
    };
  }

  static List<String> prefixes(String resultType) {
    return switch (resultType) {
      case "starttls-not-supported" -> List.of("smtp.starttls", "smtp.unreachable", "smtp.timeout");
      case "certificate-expired" -> List.of("tls.cert-expired");
      case "certificate-host-mismatch" -> List.of("tls.cert-hostname-mismatch");
      case "certificate-not-trusted" -> List.of("tls.cert-untrusted", "tls.cert-self-signed");
      case "validation-failure" -> List.of("tls.", "smtp.starttls-failed");
      case "sts-policy-fetch-error" -> List.of("mtasts.policy-unreachable", "mtasts.cert-invalid");
      case "sts-policy-invalid" ->
          List.of("mtasts.policy-invalid", "mtasts.txt-invalid", "mtasts.content-type");
      case "sts-webpki-invalid" -> List.of("mtasts.cert-invalid");
      case "tlsa-invalid" -> List.of("dane.mismatch", "dane.invalid", "dane.unusable-usage");
      case "dnssec-invalid" -> List.of("dane.bogus", "dane.insecure", "dnssec.");
      case "dane-required" -> List.of("dane.", "smtp.starttls");
      default -> List.of("tls.", "smtp.");
    };
  }

  public static TlsInsight analyze(
      String domain,
      List<TlsReport> reports,
      Instant from,
      Instant to,
      Optional<AuditReport> audit) {
    String d = domain.toLowerCase(Locale.ROOT);
    Set<String> reporters = new LinkedHashSet<>();
    long ok = 0;
    long failed = 0;
    Map<String, long[]> sessions = new LinkedHashMap<>();
    Map<String, Set<String>> ips = new LinkedHashMap<>();
    for (TlsReport r : reports) {
      reporters.add(r.orgName());
      for (TlsReport.Policy p : r.policies()) {
        if (!p.domain().isEmpty() && !p.domain().equals(d)) {
          continue;
        }
        ok += p.successful();
        failed += p.failed();
        for (TlsReport.Failure f : p.failures()) {
          String key = p.type() + "\u0000" + f.receivingMxHostname() + "\u0000" + f.resultType();
          sessions.computeIfAbsent(key, k -> new long[1])[0] += f.sessions();
          if (!f.sendingMtaIp().isEmpty()) {
            Set<String> s = ips.computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (s.size() < 10) {
              s.add(f.sendingMtaIp());
            }
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, long[]> e : sessions.entrySet()) {
      String[] k = e.getKey().split("\u0000", -1);
      String type = k[0];
      String mx = k[1];
      String result = k[2];
      String check = checkFor(result);
      Live live = Live.NOT_TESTED;
      List<String> codes = new ArrayList<>();
      Optional<CheckResult> cr = audit.flatMap(a -> a.check(check));
      if (cr.isPresent() && ran(cr.get())) {
        for (Finding f : cr.get().findings()) {
          boolean bad = f.severity() == Severity.WARN || f.severity() == Severity.FAIL;
          boolean about =
              check.equals("smtp")
                  ? !mx.isEmpty() && f.subject().toLowerCase(Locale.ROOT).contains(mx)
                  : true;
          if (bad && about && prefixes(result).stream().anyMatch(p -> f.codeId().startsWith(p))) {
            codes.add(f.codeId());
          }
        }
        live = codes.isEmpty() ? Live.NOT_REPRODUCED : Live.CONFIRMED;
      }
      Row row =
          new Row(
              type,
              mx,
              result,
              e.getValue()[0],
              List.copyOf(ips.getOrDefault(e.getKey(), Set.of())),
              check,
              live,
              codes.stream().distinct().toList());
      rows.add(row);
      String where = mx.isEmpty() ? d : mx;
      String msg =
          row.sessions()
              + " session(s) to "
              + where
              + " failed with "
              + result
              + " ("
              + type
              + " policy)";
      switch (live) {
        case CONFIRMED ->
            findings.add(
                Finding.of(
                        InsightCodes.TLS_CONFIRMED,
                        where,
                        msg
                            + "; the live "
                            + check
                            + " check shows why: "
                            + String.join(", ", row.liveFindings())
                            + ".")
                    .withRemediation(remedy(result, where)));
        case NOT_REPRODUCED ->
            findings.add(
                Finding.of(
                    InsightCodes.TLS_NOT_REPRODUCED,
                    where,
                    msg + "; the live " + check + " check finds nothing wrong now."));
        case NOT_TESTED ->
            findings.add(
                Finding.of(
                        InsightCodes.TLS_FAILURES,
                        where,
                        msg
                            + "; the live "
                            + check
                            + " check did not run"
                            + (audit.isEmpty() ? " (no audit)." : " (probing off?)."))
                    .withRemediation(remedy(result, where)));
      }
    }
    if (!reports.isEmpty() && failed == 0) {
      findings.add(
          Finding.of(InsightCodes.TLS_OK, d, ok + " TLS session(s) reported, none failed."));
    }
    return new TlsInsight(
        d,
        from,
        to,
        reports.size(),
        List.copyOf(reporters),
        ok,
        failed,
        rows,
        audit.isPresent(),
        findings);
  }

  /** A check that only says it was not run (no probe) tested nothing. */
  private static boolean ran(CheckResult r) {
    return !r.findings().isEmpty();
  }

  private static String remedy(String result, String where) {
    return switch (result) {
      case "certificate-expired" -> "Renew the certificate of " + where + ".";
      case "certificate-host-mismatch" ->
          "Serve a certificate on "
              + where
              + " that names "
              + where
              + " (and matches the MTA-STS mx: lines).";
      case "certificate-not-trusted", "validation-failure" ->
          "Serve a certificate chain from a public CA, with the intermediates, on " + where + ".";
      case "starttls-not-supported" -> "Offer STARTTLS on " + where + " (port 25).";
      case "sts-policy-fetch-error" ->
          "Serve https://mta-sts." + where + "/.well-known/mta-sts.txt with a valid certificate.";
      case "sts-policy-invalid" -> "Fix the MTA-STS policy file (version, mode, mx, max_age).";
      case "sts-webpki-invalid" -> "Fix the certificate of the mta-sts host.";
      case "tlsa-invalid" ->
          "Publish TLSA records that match the certificate " + where + " serves.";
      case "dnssec-invalid" -> "Repair the DNSSEC chain of the MX host's zone.";
      default -> "Check TLS on " + where + ".";
    };
  }
}
