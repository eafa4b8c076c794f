package io.mxray.bench;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsQuery;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.mx.MxCodes;
import io.mxray.reports.AuditJson;
import io.mxray.reports.Json;
import io.mxray.reports.html.AuditHtml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering one audit report (3 checks, 20 MX hosts, 12 findings, 60 DNS queries) as HTML and as
 * JSON: the per-request cost the web service pays on its worker pool (cache hits still render).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ReportRenderBenchmark {

  private AuditReport report;

  @Setup
  public void setup() {
    List<Map<String, Object>> hosts = new ArrayList<>();
    CheckResult.Builder mx = CheckResult.builder(CheckId.of("mx"), "Mail exchangers (MX)");
    for (int i = 0; i < 20; i++) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("preference", i * 10);
      h.put("host", "mx" + i + ".example.com");
      h.put("addresses", List.of("192.0.2." + i, "2001:db8::" + i));
      hosts.add(h);
    }
    mx.fact("mx", hosts);
    for (int i = 0; i < 6; i++) {
      mx.add(
          Finding.of(
                  MxCodes.MX_CNAME,
                  "mx" + i + ".example.com",
                  "The MX target is an alias <b>" + i + "</b>.")
              .withRemediation("example.com. IN MX 10 mx" + i + ".example.com.")
              .withEvidence("evidence line " + i));
    }
    CheckResult.Builder ptr = CheckResult.builder(CheckId.of("ptr"), "Reverse DNS");
    for (int i = 0; i < 6; i++) {
      ptr.add(Finding.of(MxCodes.PTR_MISSING, "192.0.2." + i, "No PTR for 192.0.2." + i + "."));
    }
    CheckResult ns =
        CheckResult.builder(CheckId.of("ns"), "Name servers").fact("zone", "example.com").build();
    List<DnsQuery> queries = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      queries.add(new DnsQuery("q" + i + ".example.com", "A", DnsStatus.NOERROR, 3, 1, ""));
    }
    report =
        new AuditReport(
            "example.com",
            Severity.WARN,
            List.of(mx.build(), ptr.build(), ns),
            queries,
            Instant.parse("2026-11-23T12:00:00Z"),
            42);
  }

  @Benchmark
  public String html() {
    return AuditHtml.of(report, "mxray bench");
  }

  @Benchmark
  public String json() {
    return Json.pretty(AuditJson.of(report));
  }
}
