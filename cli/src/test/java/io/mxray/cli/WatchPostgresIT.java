package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mxray watch … --db jdbc:postgresql://…} end to end against the lab's PostgreSQL:
 * in-process through the CLI, and once through the fat jar, which must bring the driver. Audits
 * read zone files: no DNS traffic.
 */
class WatchPostgresIT {

  private static final String PUBLIC = "192.0.2.0/24,198.51.100.0/24,2001:db8::/32";
  private final List<String> schemas = new ArrayList<>();

  @AfterEach
  void dropTheTestSchemas() throws Exception {
    PostgresWatchStoreIT.dropSchemas(schemas);
  }

  @Test
  void addsListsAuditsTwiceAndShowsHistoryAndDiff(@TempDir Path dir) throws Exception {
    String db = PostgresWatchStoreIT.freshSchema(schemas);
    CliHarness.Run add =
        CliHarness.run("watch", "add", "good.example", "--every", "30m", "--db", db);
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("watching good.example every 30m");

    CliHarness.Run list = CliHarness.run("watch", "list", "--json", "--db", db);
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.json().get("watches")).hasSize(1);
    assertThat(list.json().get("watches").get(0).get("everySeconds").asLong()).isEqualTo(1800);

    CliHarness.Run first =
        CliHarness.run(
            "watch",
            "run",
            "--once",
            "--db",
            db,
            "--check",
            "mx",
            "--zone-file",
            CliHarness.zone("mx/good.zone"),
            "--assume-public",
            PUBLIC);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("good.example").contains("(baseline)");

    // The second MX host goes away, and the domain is due again.
    Path changed = dir.resolve("good.zone");
    Files.write(
        changed,
        Files.readAllLines(Path.of(CliHarness.zone("mx/good.zone"))).stream()
            .filter(l -> !l.contains("MX  20 mx2.good.example."))
            .toList());
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE watch SET next_ms = 0 WHERE domain = 'good.example'"))
          .isEqualTo(1);
    }
    CliHarness.Run second =
        CliHarness.run(
            "watch",
            "run",
            "--once",
            "--db",
            db,
            "--check",
            "mx",
            "--zone-file",
            changed.toString(),
            "--assume-public",
            PUBLIC);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("good.example").contains("changed");

    CliHarness.Run history =
        CliHarness.run("watch", "history", "good.example", "--json", "--db", db);
    JsonNode audits = history.json().get("audits");
    assertThat(audits).hasSize(2);
    assertThat(audits.get(0).get("id").asLong()).isGreaterThan(audits.get(1).get("id").asLong());
    assertThat(audits.get(0).get("records").get("mx").asText()).isEqualTo("10 mx1.good.example");
    assertThat(audits.get(1).get("records").get("mx").asText()).contains("mx2.good.example");

    CliHarness.Run diff = CliHarness.run("watch", "diff", "good.example", "--db", db);
    assertThat(diff.exitCode()).as("exit 1: something changed; " + diff.err()).isEqualTo(1);
    assertThat(diff.json().get("fromId").asLong()).isEqualTo(audits.get(1).get("id").asLong());
    assertThat(diff.json().get("records").get(0).get("record").asText()).isEqualTo("mx");
    assertThat(diff.json().get("records").get(0).get("to").asText())
        .isEqualTo("10 mx1.good.example");

    assertThat(CliHarness.run("watch", "metrics", "--db", db).out())
        .contains("mxray_watch_worst_severity{domain=\"good.example\"}");
    assertThat(CliHarness.run("watch", "remove", "good.example", "--db", db).exitCode()).isZero();
    assertThat(CliHarness.run("watch", "list", "--db", db).out()).isEmpty();
    assertThat(
            CliHarness.run("watch", "history", "good.example", "--json", "--db", db)
                .json()
                .get("audits"))
        .hasSize(2);
  }

  @Test
  void refusesAWrongPasswordInOneLine() throws Exception {
    String db =
        PostgresWatchStoreIT.freshSchema(schemas)
            .replace("password=" + Lab.require("LAB_PG_PASSWORD"), "password=not-the-password");
    CliHarness.Run r = CliHarness.run("watch", "list", "--db", db);
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err())
        .startsWith("mxray: cannot open the watch database postgresql://")
        .contains("password authentication failed")
        .doesNotContain("not-the-password", "\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void theFatJarBringsThePostgresDriver() throws Exception {
    Path jar = CliHarness.repoRoot().resolve("cli/target/mxray.jar");
    assertThat(jar).as("built by the package phase").exists();
    String db = PostgresWatchStoreIT.freshSchema(schemas);
    assertThat(runJar(jar, "watch", "add", "a.example", "--db", db)).contains("watching a.example");
    assertThat(runJar(jar, "watch", "list", "--db", db)).contains("a.example");
  }

  private static String runJar(Path jar, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("mxray.jar did not finish: " + cmd);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
