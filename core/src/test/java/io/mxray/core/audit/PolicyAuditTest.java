package io.mxray.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mxray.core.Registry;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The whole registry on realistic zones, with the MTA-STS policies and BIMI logos served over HTTPS
 * on loopback by a server whose certificates come from a test CA: what {@code mxray audit} reports
 * for a well-run domain, for one half-way through its rollout, and when every policy lookup times
 * out.
 */
class PolicyAuditTest {

  private static final String LOGO =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\""
          + " viewBox=\"0 0 10 10\"><title>Shop</title><rect width=\"10\" height=\"10\"/></svg>";

  private static TestPki pki;
  private static HttpsServer server;
  private static ExecutorService executor;

  @BeforeAll
  static void start() throws IOException {
    pki = TestPki.create();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(
            pki.serverContext(
                "mta-sts.shop.example",
                "shop.example",
                "mta-sts.halfway.example",
                "halfway.example")));
    server.createContext(
        "/",
        ex -> {
          String host = ex.getRequestHeaders().getFirst("Host");
          String path = ex.getRequestURI().getPath();
          String body =
              switch (host + path) {
                case "mta-sts.shop.example/.well-known/mta-sts.txt" ->
                    "version: STSv1\r\nmode: enforce\r\nmx: *.mail.shop.example\r\nmax_age: 1209600\r\n";
                case "mta-sts.halfway.example/.well-known/mta-sts.txt" ->
                    "version: STSv1\r\nmode: enforce\r\nmx: mx1.halfway.example\r\nmax_age: 3600\r\n";
                case "shop.example/logo.svg", "halfway.example/logo.svg" -> LOGO;
                default -> null;
              };
          byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders()
              .add("Content-Type", path.endsWith(".svg") ? "image/svg+xml" : "text/plain");
          ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    executor = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static final List<String> POLICY_CHECKS =
      List.of("dmarc", "dkim", "mta-sts", "tls-rpt", "bimi", "dnssec");

  private static AuditReport audit(String domain, ZoneFileDnsClient dns) {
    return audit(domain, dns, List.of());
  }

  private static AuditReport audit(String domain, ZoneFileDnsClient dns, List<String> selectors) {
    int port = server.getAddress().getPort();
    LoopbackHttpsFetcher https =
        new LoopbackHttpsFetcher(
            pki.clientContext(),
            Map.of(
                "mta-sts.shop.example",
                port,
                "shop.example",
                port,
                "mta-sts.halfway.example",
                port,
                "halfway.example",
                port));
    Ports ports = new Ports(dns, Fixtures.NO_SOCKETS, https);
    return new Auditor(Registry.auditChecks(), executor, Fixtures.CLOCK)
        .audit(Fixtures.request(domain).withDkimSelectors(selectors), ports)
        .join();
  }

  private static ZoneFileDnsClient.Builder zones() {
    return Fixtures.zones(
        "policy/shop.zone", "policy/halfway.zone", "policy/mailhost.zone", "dmarc/reports.zone");
  }

  private static Severity severity(AuditReport r, String code) {
    return r.findings().stream()
        .filter(f -> f.codeId().equals(code))
        .map(Finding::severity)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + code + " in " + r.findings().stream().map(Finding::codeId).toList()));
  }

  @Test
  void aWellRunBrandDomainPassesEveryPolicyCheck() {
    AuditReport r = audit("shop.example", zones().build(), List.of("s2026", "e2026"));
    assertThat(r.findings())
        .extracting(Finding::codeId)
        .contains(
            "mx.ok", "dmarc.ok", "dkim.ok", "mtasts.ok", "tlsrpt.ok", "bimi.ok", "dnssec.unsigned");
    for (String check : POLICY_CHECKS) {
      // The fixtures carry no reverse zones, so only the policy checks are expected to be clean.
      assertThat(r.check(check).orElseThrow().severity())
          .as(check)
          .isIn(Severity.PASS, Severity.INFO);
    }
  }

  @Test
  void aHalfwayRolloutGetsEachMistakeWithItsSeverityAndFix() {
    AuditReport r = audit("halfway.example", zones().build());
    assertThat(severity(r, "dmarc.policy-none")).isEqualTo(Severity.WARN);
    assertThat(severity(r, "dkim.key-weak")).isEqualTo(Severity.WARN);
    assertThat(severity(r, "mtasts.mx-not-covered")).isEqualTo(Severity.FAIL);
    assertThat(severity(r, "mtasts.max-age-short")).isEqualTo(Severity.INFO);
    assertThat(severity(r, "tlsrpt.missing")).isEqualTo(Severity.WARN);
    assertThat(severity(r, "bimi.dmarc-insufficient")).isEqualTo(Severity.FAIL);
    assertThat(severity(r, "bimi.no-authority")).isEqualTo(Severity.INFO);
    assertThat(r.findings())
        .filteredOn(f -> f.codeId().equals("dmarc.policy-none"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.remediation())
                    .contains(
                        "_dmarc.halfway.example. IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@halfway.example\""));
    assertThat(r.severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void timeoutsAreNeverReportedAsMissing() {
    ZoneFileDnsClient.Builder b = zones();
    for (String name :
        List.of(
            "_dmarc.shop.example",
            "_mta-sts.shop.example",
            "_smtp._tls.shop.example",
            "default._bimi.shop.example",
            "shop.example",
            "s2026._domainkey.shop.example",
            "e2026._domainkey.shop.example")) {
      b.fault(name, DnsStatus.TIMEOUT);
    }
    AuditReport r = audit("shop.example", b.build(), List.of("s2026", "e2026"));
    for (String check : POLICY_CHECKS) {
      assertThat(r.check(check).orElseThrow().severity())
          .as(check)
          .isEqualTo(Severity.INCONCLUSIVE);
    }
    assertThat(r.findings())
        .extracting(Finding::codeId)
        .doesNotContain(
            "dmarc.missing",
            "mtasts.missing",
            "tlsrpt.missing",
            "bimi.missing",
            "dnssec.unsigned",
            "dkim.selector-missing");
  }

  @Test
  void theAuditAsksTheDmarcRecordOnceAlthoughDmarcAndBimiBothNeedIt() {
    AuditReport r = audit("shop.example", zones().build());
    assertThat(
            r.dnsQueries().stream()
                .filter(q -> q.name().equals("_dmarc.shop.example") && q.type().equals("TXT")))
        .hasSize(1);
    assertThat(r.dnsQueries())
        .noneMatch(q -> q.type().equals(Type.string(Type.A)) && q.name().startsWith("mta-sts."));
  }
}
