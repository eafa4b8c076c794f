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

class NagiosStatusTest {

  private static AuditReport withSeverities(Severity... sevs) {
    List<Finding> fs =
        java.util.Arrays.stream(sevs)
            .map(s -> Finding.of(DnsCodes.values()[0], "x.example", "m").withSeverity(s))
            .toList();
    CheckResult c = new CheckResult(CheckId.of("mx"), "MX", fs, Map.of(), 1);
    return new AuditReport("x.example", c.severity(), List.of(c), List.of(), Instant.EPOCH, 1234);
  }

  @Test
  void printsOneStatusLineWithPerfdata() {
    String line = NagiosStatus.line(withSeverities(Severity.WARN, Severity.WARN, Severity.PASS));
    assertThat(line)
        .startsWith("MXRAY WARNING - x.example: 2 warnings, 0 failures (")
        .contains(
            " | warnings=2;;;0 failures=0;;;0 inconclusive=0;;;0 info=0;;;0 passes=1;;;0",
            "time=1.234s")
        .endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(line.chars().filter(c -> c == '|').count()).isEqualTo(1);
  }

  @Test
  void mapsSeveritiesToPluginStates() {
    assertThat(NagiosStatus.line(withSeverities(Severity.PASS))).startsWith("MXRAY OK - ");
    assertThat(NagiosStatus.line(withSeverities(Severity.FAIL, Severity.WARN)))
        .startsWith("MXRAY CRITICAL - ")
        .contains("1 warning, 1 failure");
    assertThat(NagiosStatus.line(withSeverities(Severity.INCONCLUSIVE)))
        .startsWith("MXRAY UNKNOWN - ");
  }
}
