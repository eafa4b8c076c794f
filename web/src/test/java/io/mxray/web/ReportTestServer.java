package io.mxray.web;

import io.mxray.core.Registry;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.feedback.FeedbackIngest;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.mailtest.RecipientPolicy;
import io.mxray.core.mailtest.TestMailAnalyzer;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real server with the report store, API and SMTP receiver on loopback (free ports), for the
 * report, insight and test-mail tests. Blocking JDK HTTP client: the tests read top to bottom.
 */
final class ReportTestServer implements AutoCloseable {

  static final Path REPO = Path.of(System.getProperty("mxray.repo.root", "..")).toAbsolutePath();

  final Vertx vertx = Vertx.vertx();
  final JdbcFeedbackStore store;
  final ReportHost host;
  final Services services;
  final SmtpReceiver smtp;
  final int port;
  final StringWriter log = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();

  ReportTestServer(Path dir, DnsClient dns) throws Exception {
    store = JdbcFeedbackStore.sqlite(dir, new FeedbackReader());
    FeedbackIngest ingest =
        new FeedbackIngest(
            new FeedbackReader(),
            store,
            Optional.empty(),
            Optional.empty(),
            a -> "",
            Clock.systemUTC());
    host =
        new ReportHost(
            ingest,
            new RecipientPolicy(List.of("dmarc@lab.example", "tls.lab.example"), "t.lab.example"),
            Duration.ofMinutes(30),
            new TestMailAnalyzer(dns, Clock.systemUTC()),
            Clock.systemUTC());
    services =
        new Services(
                TestServer.config(),
                dns,
                Clock.systemUTC(),
                TestServer.NO_SOCKETS,
                Registry.auditChecks())
            .withReports(host);
    MxrayVerticle v = new MxrayVerticle(services);
    vertx.deployVerticle(v).await(30, TimeUnit.SECONDS);
    port = v.port();
    smtp =
        SmtpReceiver.start(
            "127.0.0.1",
            0,
            "mx.t.lab.example",
            TlsKeys.selfSigned("mx.t.lab.example"),
            new SmtpReceiver.Limits(
                64 * 1024, 5, 16, 4, Duration.ofSeconds(5), Duration.ofSeconds(30)),
            host,
            Clock.systemUTC(),
            new PrintWriter(log, true));
  }

  static ZoneFileDnsClient zones() {
    Path z = REPO.resolve("core/src/test/resources/zones/insight");
    return ZoneFileDnsClient.builder()
        .zoneFile(z.resolve("lab.zone"))
        .zoneFile(z.resolve("vendor.zone"))
        .zoneFile(z.resolve("reverse.zone"))
        .build();
  }

  static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(REPO.resolve("core/src/test/resources/feedback/" + name));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    smtp.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    services.close();
    store.close();
  }
}
