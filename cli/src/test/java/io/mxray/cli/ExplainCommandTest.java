package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplainCommandTest {

  @Test
  void explainsAReplyWithReasonAndBounceClass() {
    CliHarness.Run r = CliHarness.run("explain", "550", "5.1.1", "--format", "json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAIL);
    assertThat(r.out()).contains("userunknown");
  }

  @Test
  void explainsAFindingCodeOfTheCatalogue() {
    CliHarness.Run r = CliHarness.run("explain", "MX.NULL", "--format", "json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(r.json().get("code").asText()).isEqualTo("mx.null");
    assertThat(r.json().get("rfcUrl").asText()).contains("rfc7505");
  }

  @Test
  void refusesEmptyOrHugeInputWithOneLine() {
    CliHarness.Run r = CliHarness.run("explain", "x".repeat(5000));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("mxray: ");
  }
}
