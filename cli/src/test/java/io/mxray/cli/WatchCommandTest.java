package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {

  @Test
  void addsRunsListsShowsHistoryMetricsAndRemoves(@TempDir Path dir) {
    String data = dir.toString();
    CliHarness.Run add =
        CliHarness.run(
            "watch",
            "add",
            "Good.Example",
            "--every",
            "30m",
            "--webhook",
            "https://hooks.example/mxray",
            "--data-dir",
            data);
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("watching good.example every 30m");

    CliHarness.Run list = CliHarness.run("watch", "list", "--json", "--data-dir", data);
    assertThat(list.json().get("watches").get(0).get("domain").asText()).isEqualTo("good.example");
    assertThat(list.json().get("watches").get(0).get("everySeconds").asLong()).isEqualTo(1800);

    CliHarness.Run run =
        CliHarness.run(
            "watch",
            "run",
            "--once",
            "--data-dir",
            data,
            "--check",
            "mx",
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--assume-public",
            "192.0.2.0/24,198.51.100.0/24,2001:db8::/32");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("good.example").contains("(baseline)");

    CliHarness.Run again =
        CliHarness.run(
            "watch",
            "run",
            "--once",
            "--data-dir",
            data,
            "--zone-file",
            CliHarness.zone("mx/good.zone"));
    assertThat(again.out()).as("not due again for half an hour").isEmpty();

    CliHarness.Run history =
        CliHarness.run("watch", "history", "good.example", "--json", "--data-dir", data);
    assertThat(history.json().get("audits")).hasSize(1);
    assertThat(history.json().get("audits").get(0).get("records").get("mx").asText())
        .contains("mx1.good.example");

    CliHarness.Run metrics = CliHarness.run("watch", "metrics", "--data-dir", data);
    assertThat(metrics.out())
        .contains(
            "mxray_watch_worst_severity{domain=\"good.example\"}",
            "mxray_watch_findings{domain=\"good.example\",severity=\"fail\"} 0",
            "mxray_watch_last_audit_age_seconds");

    assertThat(CliHarness.run("watch", "remove", "good.example", "--data-dir", data).exitCode())
        .isZero();
    assertThat(CliHarness.run("watch", "remove", "good.example", "--data-dir", data).exitCode())
        .isEqualTo(1);
    assertThat(CliHarness.run("watch", "list", "--data-dir", data).out()).isEmpty();
  }

  @Test
  void watchRunAuditsLikeMxrayAuditProbesIncludedUnlessNoProbe(@TempDir Path dir) throws Exception {
    for (boolean noProbe : new boolean[] {false, true}) {
      Path data = dir.resolve(noProbe ? "no-probe" : "probe");
      CliHarness.run("watch", "add", "good.example", "--data-dir", data.toString());
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "watch",
                  "run",
                  "--once",
                  "--data-dir",
                  data.toString(),
                  "--check",
                  "smtp",
                  "--zone-file",
                  CliHarness.zone("mx/good.zone"),
                  "--assume-public",
                  "192.0.2.0/24"));
      if (noProbe) {
        args.add("--no-probe");
      }
      CliHarness.Run run = CliHarness.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      // The stored report is the audit document; the smtp check says whether it was allowed to
      // connect.
      try (java.sql.Connection c =
              java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("mxray.db"));
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT report FROM audit")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("\"probed\":" + !noProbe);
      }
    }
  }

  @Test
  void rejectsBadInputWithOneLineAndExit64(@TempDir Path dir) {
    for (String[] args :
        List.of(
            new String[] {"watch", "add", "192.0.2.1", "--data-dir", dir.toString()},
            new String[] {
              "watch", "add", "a.example", "--every", "10s", "--data-dir", dir.toString()
            },
            new String[] {
              "watch",
              "add",
              "a.example",
              "--webhook",
              "javascript:alert(1)",
              "--data-dir",
              dir.toString()
            },
            new String[] {"watch", "diff", "a.example", "--data-dir", dir.toString()},
            new String[] {"watch", "list", "--db", "jdbc:mysql://db.example/x"},
            new String[] {"watch"})) {
      CliHarness.Run r = CliHarness.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(64);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("mxray: ").doesNotContain("\tat ");
    }
  }

  @Test
  void saysInOneLineThatThePostgresServerIsDown() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // closed again: nothing listens there
    }
    CliHarness.Run r =
        CliHarness.run(
            "watch",
            "list",
            "--db",
            "jdbc:postgresql://127.0.0.1:" + port + "/mxray?user=mxray&password=top-secret");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err())
        .startsWith(
            "mxray: cannot open the watch database postgresql://127.0.0.1:" + port + "/mxray: ")
        .contains("refused")
        .doesNotContain("top-secret", "\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
