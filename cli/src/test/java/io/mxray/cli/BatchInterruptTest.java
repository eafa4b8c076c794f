package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.reports.Json;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * SIGTERM (what Ctrl-C's SIGINT also triggers: the shutdown hook) during a batch in a child
 * process: the output file holds only whole, valid lines, and --resume completes the list without
 * duplicates. The "resolver" is a loopback UDP socket answering NXDOMAIN after 40 ms, so the batch
 * runs for seconds.
 */
class BatchInterruptTest {

  /** A slow loopback DNS server: every question gets NXDOMAIN, 40 ms later. */
  private static DatagramSocket slowServer(ScheduledExecutorService timer) throws Exception {
    DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[2048];
              while (!s.isClosed()) {
                try {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  s.receive(p);
                  Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                  Message r = new Message(q.getHeader().getID());
                  r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
                  r.getHeader().setRcode(Rcode.NXDOMAIN);
                  r.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
                  byte[] wire = r.toWire();
                  var to = p.getSocketAddress();
                  timer.schedule(
                      () -> {
                        try {
                          s.send(new DatagramPacket(wire, wire.length, to));
                        } catch (Exception e) {
                          // socket closed at the end of the test
                        }
                      },
                      40,
                      TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                  // closed, or a malformed packet: keep serving until closed
                }
              }
            },
            "slow-dns");
    t.setDaemon(true);
    t.start();
    return s;
  }

  private static Process batch(Path list, Path out, int port, String... extra) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "batch",
                list.toString(),
                "-o",
                out.toString(),
                "--resolver",
                "127.0.0.1:" + port,
                "--timeout",
                "2s",
                "--retries",
                "0",
                "--concurrency",
                "4",
                "--check",
                "mx",
                "-q"));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void terminationLeavesOnlyWholeLinesAndResumeFinishesTheList(@TempDir Path dir) throws Exception {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      names.append("d").append(i).append(".example\n");
    }
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, names);
    Path out = dir.resolve("out.jsonl");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (DatagramSocket server = slowServer(timer)) {
      Process p = batch(list, out, server.getLocalPort());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((!Files.exists(out) || Files.size(out) < 2000)
          && System.nanoTime() < deadline
          && p.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(p.isAlive()).as("still running when signalled").isTrue();
      p.destroy(); // SIGTERM: shutdown hooks run
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isIn(130, 143);

      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n");
      List<String> lines = text.lines().toList();
      assertThat(lines.size()).isBetween(1, 299);
      for (String line : lines) {
        assertThat(Json.mapper().readTree(line).get("schemaVersion").asInt()).isEqualTo(1);
      }

      Process resume = batch(list, out, server.getLocalPort(), "--resume");
      assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
      Set<String> domains = new HashSet<>();
      List<String> all = Files.readAllLines(out, StandardCharsets.UTF_8);
      for (String line : all) {
        domains.add(Json.mapper().readTree(line).get("domain").asText());
      }
      assertThat(all).hasSize(300);
      assertThat(domains).hasSize(300);
    } finally {
      timer.shutdownNow();
    }
  }
}
