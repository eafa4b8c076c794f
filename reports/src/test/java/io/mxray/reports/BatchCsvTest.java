package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCsvTest {

  static AuditReport report(String domain, Map<String, Object> mxFacts, Finding... findings) {
    CheckResult mx = new CheckResult(CheckId.of("mx"), "MX", List.of(findings), mxFacts, 1);
    CheckResult spf =
        new CheckResult(
            CheckId.of("spf.record"), "SPF", List.of(), Map.of("record", "v=spf1 mx -all"), 1);
    return new AuditReport(domain, mx.severity(), List.of(mx, spf), List.of(), Instant.EPOCH, 3);
  }

  @Test
  void writesOneFlatRowWithCountsKeyFactsAndCodes() {
    Finding f = Finding.of(DnsCodes.values()[0], "a.example", "x");
    AuditReport r =
        report(
            "a.example",
            Map.of("mx", List.of(Map.of("host", "mx1.a.example"), Map.of("host", "mx2.a.example"))),
            f);
    assertThat(BatchCsv.header())
        .startsWith("domain,severity,pass,info,warn,fail,inconclusive,mx,");
    String row = BatchCsv.row(r);
    assertThat(row).endsWith("\r\n");
    String[] cells = row.strip().split(",", -1);
    assertThat(cells).hasSize(BatchCsv.COLUMNS.size());
    assertThat(cells[0]).isEqualTo("a.example");
    assertThat(cells[1]).isEqualTo(r.severity().id());
    assertThat(cells[7]).isEqualTo("mx1.a.example mx2.a.example");
    assertThat(cells[9]).isEqualTo("v=spf1 mx -all");
    assertThat(cells[11]).isEqualTo(f.codeId());
    long total = 0;
    for (int i = 2; i <= 6; i++) {
      total += Long.parseLong(cells[i]);
    }
    assertThat(total).isEqualTo(1);
  }

  @Test
  void quotesSeparatorsAndDefusesSpreadsheetFormulas() {
    assertThat(BatchCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(BatchCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(BatchCsv.cell("=HYPERLINK(\"x\")")).startsWith("\"'=");
    assertThat(BatchCsv.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
  }

  @Test
  void readsTheDomainBackFromARowButNotFromTheHeader() {
    AuditReport r = report("b.example", Map.of());
    assertThat(BatchCsv.domainOf(BatchCsv.row(r).strip())).contains("b.example");
    assertThat(BatchCsv.domainOf(BatchCsv.header().strip())).isEmpty();
    assertThat(r.severity()).isEqualTo(Severity.PASS);
  }
}
