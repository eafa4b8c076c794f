package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned HTTPS fetcher against a TLS server on 127.0.0.1 with a generated certificate. */
class PinnedHttpsFetcherTest {

  private static final String HOST = "mta-sts.lab.example";
  private static SSLContext serverTls;
  private static SSLContext clientTls;
  private static ZoneFileDnsClient dns;

  @BeforeAll
  static void setUp(@TempDir Path dir) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair kp = kpg.generateKeyPair();
    X500Name name = new X500Name("CN=" + HOST);
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.TWO,
            new Date(now - 3_600_000),
            new Date(now + 86_400_000),
            name,
            kp.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", kp.getPrivate(), "x".toCharArray(), new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "x".toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
    Path zone = dir.resolve("lab.zone");
    Files.writeString(
        zone,
        String.join(
            "\n",
            "$ORIGIN lab.example.",
            "$TTL 300",
            "@ IN SOA ns.lab.example. h.lab.example. 1 7200 3600 1209600 300",
            "@ IN NS ns.lab.example.",
            "mta-sts IN A 127.0.0.1",
            "other IN A 127.0.0.1",
            ""));
    dns = ZoneFileDnsClient.builder().zoneFile(zone).build();
  }

  /** Serves one connection with a canned response; returns the port. */
  private static int serveOnce(String response, AtomicReference<String> request) throws Exception {
    SSLServerSocket server =
        (SSLServerSocket)
            serverTls
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              try (server;
                  Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                  int c = in.read();
                  if (c < 0) {
                    return;
                  }
                  head.write(c);
                }
                request.set(head.toString(StandardCharsets.ISO_8859_1));
                if (response != null) {
                  OutputStream out = s.getOutputStream();
                  out.write(response.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } else {
                  Thread.sleep(3000);
                }
              } catch (Exception e) {
                // the client went away (TLS failure tests): nothing to serve
              }
            });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  private static PinnedHttpsFetcher fetcher() {
    Connector plain =
        (a, timeout) -> {
          Socket s = new Socket();
          s.connect(a, (int) timeout.toMillis());
          return s;
        };
    TargetGuard lab = new TargetGuard(List.of(Cidr.parse("127.0.0.0/8")));
    return new PinnedHttpsFetcher(
        lab, dns, new GuardedConnector(plain, lab, dns, o -> {}), clientTls.getSocketFactory());
  }

  @Test
  void fetchesABodyWithContentLengthOverValidatedTls() throws Exception {
    AtomicReference<String> req = new AtomicReference<>();
    String body = "version: STSv1\r\nmode: enforce\r\nmx: mx1.lab.example\r\nmax_age: 86400\r\n";
    int port =
        serveOnce(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body,
            req);
    HttpsResult r =
        fetcher()
            .fetch(
                URI.create("https://" + HOST + ":" + port + "/.well-known/mta-sts.txt"),
                Duration.ofSeconds(5),
                64 * 1024);
    assertThat(r.outcome()).isEqualTo(HttpsResult.Outcome.OK);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("content-type")).containsExactly("text/plain");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(r.truncated()).isFalse();
    assertThat(req.get())
        .startsWith("GET /.well-known/mta-sts.txt HTTP/1.1\r\n")
        .contains("Host: " + HOST + ":" + port);
  }

  @Test
  void decodesChunkedBodiesAndCapsThem() throws Exception {
    int port =
        serveOnce(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            new AtomicReference<>());
    HttpsResult r =
        fetcher()
            .fetch(URI.create("https://" + HOST + ":" + port + "/"), Duration.ofSeconds(5), 1024);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    int port2 =
        serveOnce(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100),
            new AtomicReference<>());
    HttpsResult capped =
        fetcher()
            .fetch(URI.create("https://" + HOST + ":" + port2 + "/"), Duration.ofSeconds(5), 10);
    assertThat(capped.body()).hasSize(10);
    assertThat(capped.truncated()).isTrue();
  }

  @Test
  void refusesACertificateForAnotherName() throws Exception {
    int port = serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", new AtomicReference<>());
    HttpsResult r =
        fetcher()
            .fetch(
                URI.create("https://other.lab.example:" + port + "/"), Duration.ofSeconds(5), 1024);
    assertThat(r.outcome()).isEqualTo(HttpsResult.Outcome.TLS_FAILED);
  }

  @Test
  void aSilentServerIsATimeoutWithinTheDeadline() throws Exception {
    int port = serveOnce(null, new AtomicReference<>());
    HttpsResult r =
        fetcher()
            .fetch(URI.create("https://" + HOST + ":" + port + "/"), Duration.ofMillis(500), 1024);
    assertThat(r.outcome()).isEqualTo(HttpsResult.Outcome.TIMEOUT);
  }

  @Test
  void refusesLoopbackWithoutTheLabAllowance() {
    PinnedHttpsFetcher strict =
        new PinnedHttpsFetcher(
            TargetGuard.publicOnly(), dns, TestServer.NO_SOCKETS, clientTls.getSocketFactory());
    HttpsResult r = strict.fetch(URI.create("https://" + HOST + "/"), Duration.ofSeconds(1), 1024);
    assertThat(r.outcome()).isEqualTo(HttpsResult.Outcome.REFUSED_TARGET);
    assertThat(r.detail()).contains("loopback");
  }
}
