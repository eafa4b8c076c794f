package io.mxray.bench;

import io.mxray.core.net.PlainConnector;
import io.mxray.core.probe.NcscGrade;
import io.mxray.core.probe.ProbeOptions;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.ProbeTarget;
import io.mxray.core.probe.Prober;
import io.mxray.core.probe.Service;
import io.mxray.core.probe.SmtpExtensions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The probe's own cost: a full plaintext SMTP dialogue (connect, greeting, EHLO, QUIT) against an
 * in-process server on 127.0.0.1, and the pure parsers it runs on every reply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SmtpProbeBenchmark {

  private ServerSocket server;
  private Prober prober;
  private ProbeTarget target;
  private static final List<String> EHLO =
      List.of(
          "mx.bench.example",
          "PIPELINING",
          "SIZE 52428800",
          "8BITMIME",
          "SMTPUTF8",
          "CHUNKING",
          "DSN",
          "ENHANCEDSTATUSCODES",
          "AUTH PLAIN LOGIN",
          "STARTTLS");

  @Setup
  public void setup() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    Thread t = new Thread(this::serve, "bench-smtp");
    t.setDaemon(true);
    t.start();
    prober =
        new Prober(
            new PlainConnector(),
            ProbeOptions.defaults(Clock.systemUTC())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withTlsScan(false));
    target =
        new ProbeTarget(
            "mx.bench.example",
            InetAddress.getLoopbackAddress(),
            server.getLocalPort(),
            Service.SMTP,
            List.of());
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        OutputStream out = s.getOutputStream();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        out.write("220 mx.bench.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("EHLO")) {
            out.write(
                "250-mx.bench.example\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250 8BITMIME\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
          } else if (line.startsWith("QUIT")) {
            out.write("221 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
            break;
          }
        }
      } catch (IOException e) {
        // next connection
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    server.close();
  }

  @Benchmark
  public ProbeResult plaintextSmtpDialogue() {
    return prober.probe(target);
  }

  @Benchmark
  public SmtpExtensions parseEhlo() {
    return SmtpExtensions.parse(EHLO);
  }

  @Benchmark
  public NcscGrade gradeCipher() {
    return NcscGrade.ofCipher("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
  }
}
