package io.mxray.web;

import io.mxray.core.Registry;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.net.Cidr;
import io.mxray.core.net.Connector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Starts the real verticle on 127.0.0.1 with a free port, zone-file DNS and no sockets. */
final class TestServer {

  /** Any connection attempt fails the test: refusals must happen before connecting. */
  static final Connector NO_SOCKETS =
      (address, timeout) -> {
        throw new AssertionError("unexpected connection to " + address);
      };

  static final List<Cidr> DOCUMENTATION =
      List.of(
          Cidr.parse("192.0.2.0/24"),
          Cidr.parse("198.51.100.0/24"),
          Cidr.parse("203.0.113.0/24"),
          Cidr.parse("2001:db8::/32"));

  final Services services;
  final WebClient client;
  final int port;

  private TestServer(Services services, WebClient client, int port) {
    this.services = services;
    this.client = client;
    this.port = port;
  }

  static WebConfig config() {
    return WebConfig.defaults()
        .withPort(0)
        .withAssumePublic(DOCUMENTATION)
        .withRateLimit(1000)
        .withCacheTtl(Duration.ofSeconds(30))
        .withGenerator("mxray test");
  }

  static ZoneFileDnsClient zones() {
    try {
      return ZoneFileDnsClient.builder()
          .zoneFile(Path.of(TestServer.class.getResource("/zones/web/lab.zone").toURI()))
          .build();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Future<TestServer> start(Vertx vertx) {
    return start(vertx, config(), zones());
  }

  static Future<TestServer> start(Vertx vertx, WebConfig config, DnsClient dns) {
    Services services =
        new Services(config, dns, Clock.systemUTC(), NO_SOCKETS, Registry.auditChecks());
    MxrayVerticle verticle = new MxrayVerticle(services);
    return vertx
        .deployVerticle(verticle)
        .map(
            id ->
                new TestServer(
                    services,
                    WebClient.create(
                        vertx,
                        new WebClientOptions()
                            .setDefaultHost("127.0.0.1")
                            .setDefaultPort(verticle.port())),
                    verticle.port()));
  }
}
