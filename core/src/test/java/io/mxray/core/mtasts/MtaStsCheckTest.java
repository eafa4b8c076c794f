package io.mxray.core.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.testing.Fixtures;
import io.mxray.core.testing.LoopbackHttpsFetcher;
import io.mxray.core.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class MtaStsCheckTest {

  private static final String GOOD =
      "version: STSv1\nmode: enforce\nmx: *.mail.sts.example\nmx: backup.sts.example\n"
          + "max_age: 604800\n";
  private static final String[] ZONES = {
    "mtasts/sts.zone",
    "mtasts/nosts.zone",
    "mtasts/badtxt.zone",
    "mtasts/twotxt.zone",
    "mx/good.zone"
  };

  private static TestPki pki;
  private static HttpsServer rightName;
  private static HttpsServer wrongName;

  @BeforeAll
  static void startServers() throws IOException {
    pki = TestPki.create();
    rightName = server(pki.serverContext("mta-sts.sts.example"), GOOD);
    wrongName = server(pki.serverContext("www.sts.example"), GOOD);
  }

  @AfterAll
  static void stopServers() {
    rightName.stop(0);
    wrongName.stop(0);
  }

  private static HttpsServer server(SSLContext ssl, String policy) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ssl));
    s.createContext(
        "/.well-known/mta-sts.txt",
        ex -> {
          byte[] body = policy.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "text/plain");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    s.start();
    return s;
  }

  private static CheckResult run(String domain, HttpsFetcher https) {
    return Fixtures.run(
        new MtaStsCheck(), Fixtures.zones(ZONES).build(), Fixtures.request(domain), https);
  }

  /** Serves one canned response for the policy URL of sts.example. */
  private static HttpsFetcher serving(int status, String contentType, String body) {
    return (uri, timeout, max) -> {
      assertThat(uri.toString()).isEqualTo("https://mta-sts.sts.example/.well-known/mta-sts.txt");
      return new HttpsResult(
          HttpsResult.Outcome.OK,
          status,
          Map.of("content-type", List.of(contentType)),
          body.getBytes(StandardCharsets.UTF_8),
          false,
          "");
    };
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::codeId).toList();
  }

  private static Finding finding(CheckResult r, String code) {
    return r.findings().stream().filter(f -> f.codeId().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void passesAnEnforcedPolicyFetchedOverValidatedHttps() {
    HttpsFetcher https =
        new LoopbackHttpsFetcher(
            pki.clientContext(), Map.of("mta-sts.sts.example", rightName.getAddress().getPort()));
    CheckResult r = run("sts.example", https);
    assertThat(codes(r)).containsExactly("mtasts.ok");
    assertThat(r.facts().get("id")).isEqualTo("20261123T1200");
  }

  @Test
  void failsWhenTheCertificateDoesNotNameThePolicyHost() {
    HttpsFetcher https =
        new LoopbackHttpsFetcher(
            pki.clientContext(), Map.of("mta-sts.sts.example", wrongName.getAddress().getPort()));
    CheckResult r = run("sts.example", https);
    assertThat(codes(r)).containsExactly("mtasts.policy-unreachable");
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void failsWhenTheCertificateIsFromAnUntrustedCa() {
    HttpsFetcher https =
        new LoopbackHttpsFetcher(
            TestPki.create().clientContext(),
            Map.of("mta-sts.sts.example", rightName.getAddress().getPort()));
    assertThat(codes(run("sts.example", https))).containsExactly("mtasts.policy-unreachable");
  }

  @Test
  void failsWhenAnMxHostIsNotCovered() {
    CheckResult r =
        run(
            "sts.example",
            serving(
                200,
                "text/plain",
                "version: STSv1\nmode: enforce\nmx: *.mail.sts.example\nmax_age: 604800\n"));
    assertThat(codes(r)).containsExactly("mtasts.mx-not-covered");
    assertThat(finding(r, "mtasts.mx-not-covered").subject()).isEqualTo("backup.sts.example");
    assertThat(finding(r, "mtasts.mx-not-covered").remediation())
        .contains("mx: backup.sts.example");
  }

  @Test
  void notesTestingModeAndWarnsAboutUncoveredHosts() {
    CheckResult r =
        run(
            "sts.example",
            serving(
                200,
                "text/plain; charset=utf-8",
                "version: STSv1\nmode: testing\nmx: *.mail.sts.example\nmax_age: 3600\n"));
    assertThat(codes(r))
        .containsExactlyInAnyOrder(
            "mtasts.testing-mode", "mtasts.max-age-short", "mtasts.mx-not-covered");
    assertThat(finding(r, "mtasts.mx-not-covered").severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void failsOnAnInvalidPolicy() {
    CheckResult r = run("sts.example", serving(200, "text/plain", "<html>hello</html>"));
    assertThat(codes(r)).containsExactly("mtasts.policy-invalid");
  }

  @Test
  void warnsAboutTheWrongContentType() {
    assertThat(codes(run("sts.example", serving(200, "text/html", GOOD))))
        .containsExactly("mtasts.content-type");
  }

  @Test
  void failsOnAnHttpErrorOrRedirect() {
    CheckResult r = run("sts.example", serving(301, "text/plain", ""));
    assertThat(codes(r)).containsExactly("mtasts.policy-unreachable");
    assertThat(finding(r, "mtasts.policy-unreachable").message()).contains("301");
  }

  @Test
  void aFetchTimeoutIsInconclusive() {
    CheckResult r = run("sts.example", Fixtures.failingHttps(HttpsResult.Outcome.TIMEOUT));
    assertThat(codes(r)).containsExactly("mtasts.policy-unreachable");
    assertThat(r.severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void noRecordIsInformationAndFetchesNothing() {
    CheckResult r = run("nosts.example", Fixtures.NO_HTTPS);
    assertThat(codes(r)).containsExactly("mtasts.missing");
    assertThat(r.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void failsOnABadOrDuplicatedTxtRecord() {
    assertThat(codes(run("badsts.example", Fixtures.NO_HTTPS)))
        .containsExactly("mtasts.txt-invalid");
    assertThat(codes(run("twosts.example", Fixtures.NO_HTTPS)))
        .containsExactly("mtasts.txt-invalid");
  }

  @Test
  void aTxtTimeoutIsInconclusiveNotMissing() {
    CheckResult r =
        Fixtures.run(
            new MtaStsCheck(),
            Fixtures.zones(ZONES)
                .fault("_mta-sts.sts.example", Type.TXT, DnsStatus.TIMEOUT)
                .build(),
            Fixtures.request("sts.example"),
            Fixtures.NO_HTTPS);
    assertThat(codes(r)).containsExactly("dns.timeout");
  }
}
