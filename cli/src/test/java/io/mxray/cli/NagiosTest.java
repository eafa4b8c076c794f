package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NagiosTest {

  private static final String DOC = "192.0.2.0/24,198.51.100.0/24,2001:db8::/32";

  @Test
  void printsOneStatusLineAndUsesPluginExitCodes() {
    CliHarness.Run ok =
        CliHarness.run(
            "audit",
            "good.example",
            "--nagios",
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse-198.zone"),
            "--zone-file",
            CliHarness.zone("mx/reverse-v6.zone"),
            "--assume-public",
            DOC);
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(ok.out()).startsWith("MXRAY OK - good.example: 0 warnings, 0 failures | warnings=0");
    assertThat(ok.out().strip().lines().count()).isEqualTo(1);

    CliHarness.Run crit =
        CliHarness.run(
            "audit",
            "broken.example",
            "--nagios",
            "--zone-file",
            CliHarness.zone("mx/broken.zone"),
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--assume-public",
            DOC);
    assertThat(crit.exitCode()).isEqualTo(2);
    assertThat(crit.out()).startsWith("MXRAY CRITICAL - broken.example: ").contains("failures=");
  }

  @Test
  void reportsUsageErrorsAsUnknown() {
    CliHarness.Run r = CliHarness.run("audit", "192.0.2.1", "--nagios");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).startsWith("MXRAY UNKNOWN - ");
  }
}
