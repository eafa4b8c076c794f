package io.mxray.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.net.Addresses;
import io.mxray.reports.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/v1/probe/{host}?ports=25,587}: the SSRF gate in front of every probe, plus a TCP
 * reachability probe (connect through the guarded connector, read the first banner line, capped).
 * Refused targets are answered 403 problem+json before any connection is attempted. The full
 * SMTP/IMAP/POP3 probes replace {@link #reach} when they land (see docs/web.md).
 */
public final class ProbeHandler implements Handler<RoutingContext> {

  private static final int MAX_PORTS = 8;
  private static final int MAX_BANNER = 512;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Services services;

  public ProbeHandler(Services services) {
    this.services = services;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String host = ctx.pathParam("host").strip();
    if (Addresses.parse(host).isEmpty()) {
      host = io.mxray.core.dns.DomainName.parse(host).ascii();
    }
    List<Integer> ports = ports(ctx);
    String target = host;
    CompletableFuture<TargetGuard.Resolution> resolved = CompletableFuture.supplyAsync(
        () -> services.guard().resolve(target, services.dns()), services.workers());
    CompletableFuture<ObjectNode> result = resolved.thenApplyAsync(r -> {
      if (r.refused()) {
        TargetGuard.Refusal why = r.refusal().get();
        services.metrics().probe("refused-target");
        throw new ApiException(403, "target-refused", "Target refused by the SSRF guard", why.reason(),
            Map.of("target", why.target(), "address", why.address(), "addressClass", why.kind().name().toLowerCase(java.util.Locale.ROOT)));
      }
      if (r.addresses().isEmpty()) {
        throw new ApiException(422, "no-address", "The target has no address",
            target + " has no A or AAAA record" + (r.dnsFailures().isEmpty() ? "." : " (DNS failed: "
                + r.dnsFailures().get(0).status() + ")."));
      }
      return reach(target, r.addresses(), ports);
    }, services.workers());
    Future.fromCompletionStage(result, ctx.vertx().getOrCreateContext())
        .onSuccess(json -> {
          if (!ctx.response().ended()) {
            Responses.json(ctx, 200, json);
          }
        })
        .onFailure(ctx::fail);
  }

  private ObjectNode reach(String host, List<InetAddress> addresses, List<Integer> ports) {
    ObjectNode root = Json.object();
    root.put("schemaVersion", Json.SCHEMA_VERSION);
    root.put("type", "reachability");
    root.put("host", host);
    ArrayNode results = root.putArray("results");
    for (InetAddress ip : addresses) {
      for (int port : ports) {
        ObjectNode n = results.addObject();
        n.put("address", Addresses.toText(ip));
        n.put("port", port);
        long t0 = System.nanoTime();
        try (Socket s = services.ports().connector().connect(new InetSocketAddress(ip, port), TIMEOUT)) {
          n.put("outcome", "connected");
          s.setSoTimeout((int) TIMEOUT.toMillis());
          n.put("banner", firstLine(s.getInputStream()));
        } catch (RefusedTargetException e) {
          n.put("outcome", "refused-target");
          n.put("detail", e.getMessage());
        } catch (SocketTimeoutException e) {
          n.put("outcome", "timeout");
        } catch (IOException e) {
          n.put("outcome", "failed");
          n.put("detail", String.valueOf(e.getMessage()));
        }
        n.put("ms", (System.nanoTime() - t0) / 1_000_000);
      }
    }
    return root;
  }

  private static String firstLine(InputStream in) {
    StringBuilder b = new StringBuilder();
    try {
      int c;
      while (b.length() < MAX_BANNER && (c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          b.append((char) c);
        }
      }
    } catch (IOException e) {
      // no banner within the deadline: report what arrived
    }
    return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static List<Integer> ports(RoutingContext ctx) {
    List<String> raw = AuditHandler.list(ctx, "ports");
    if (raw.isEmpty()) {
      return List.of(25);
    }
    if (raw.size() > MAX_PORTS) {
      throw ApiException.badRequest("ports: at most " + MAX_PORTS);
    }
    List<Integer> out = new ArrayList<>();
    for (String p : raw) {
      try {
        int n = Integer.parseInt(p);
        if (n < 1 || n > 65535) {
          throw new NumberFormatException();
        }
        out.add(n);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("ports: '" + p + "' is not a port number (1-65535)");
      }
    }
    return out;
  }
}
