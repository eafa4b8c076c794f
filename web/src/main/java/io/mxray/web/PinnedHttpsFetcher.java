package io.mxray.web;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.net.Connector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The web service's {@link HttpsFetcher} (MTA-STS policies, BIMI assets): resolves the host through
 * the {@link TargetGuard}, connects through the {@link GuardedConnector} to the checked address (so
 * the address fetched is the address checked — no DNS rebinding), then speaks one HTTP/1.1 GET over
 * TLS with SNI and certificate/host-name validation. No redirects, body capped, one overall
 * deadline; outcomes are data, never exceptions.
 */
public final class PinnedHttpsFetcher implements HttpsFetcher {

  private static final int MAX_HEADER_BYTES = 32 * 1024;

  private final TargetGuard guard;
  private final DnsClient dns;
  private final Connector connector;
  private final SSLSocketFactory tls;

  public PinnedHttpsFetcher(
      TargetGuard guard, DnsClient dns, Connector connector, SSLSocketFactory tls) {
    this.guard = guard;
    this.dns = dns;
    this.connector = connector;
    this.tls = tls;
  }

  @Override
  public HttpsResult fetch(URI uri, Duration timeout, int maxBytes) {
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      return HttpsResult.failure(
          HttpsResult.Outcome.ERROR, "only https:// URLs with a host are fetched: " + uri);
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    TargetGuard.Resolution r = guard.resolve(host, dns);
    if (r.refused()) {
      return HttpsResult.failure(HttpsResult.Outcome.REFUSED_TARGET, r.refusal().get().reason());
    }
    if (r.addresses().isEmpty()) {
      return HttpsResult.failure(HttpsResult.Outcome.CONNECT_FAILED, host + " has no addresses");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket raw =
            connector.connect(new InetSocketAddress(r.addresses().get(0), port), timeout);
        SSLSocket s = (SSLSocket) tls.createSocket(raw, host, port, true)) {
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setServerNames(List.of(new SNIHostName(host)));
      s.setSSLParameters(p);
      s.setSoTimeout(remainingMs(deadline));
      s.startHandshake();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + (port == 443 ? "" : ":" + port)
                  + "\r\nUser-Agent: mxray\r\nAccept: */*\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      List<String> head = readHead(in, s, deadline);
      String[] status = head.get(0).split(" ", 3);
      if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
        return HttpsResult.failure(HttpsResult.Outcome.ERROR, "not an HTTP/1.x response");
      }
      int code = Integer.parseInt(status[1]);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(
                  line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(line.substring(colon + 1).trim());
        }
      }
      boolean chunked =
          headers.getOrDefault("transfer-encoding", List.of()).stream()
              .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      boolean truncated =
          chunked
              ? readChunked(in, s, deadline, maxBytes, body)
              : readPlain(
                  in,
                  s,
                  deadline,
                  maxBytes,
                  body,
                  headers.getOrDefault("content-length", List.of()).stream()
                      .findFirst()
                      .map(Long::parseLong)
                      .orElse(-1L));
      return new HttpsResult(
          HttpsResult.Outcome.OK, code, headers, body.toByteArray(), truncated, "");
    } catch (RefusedTargetException e) {
      return HttpsResult.failure(HttpsResult.Outcome.REFUSED_TARGET, e.getMessage());
    } catch (SocketTimeoutException e) {
      return HttpsResult.failure(
          HttpsResult.Outcome.TIMEOUT, "no response within " + timeout.toMillis() + " ms");
    } catch (SSLException e) {
      return HttpsResult.failure(HttpsResult.Outcome.TLS_FAILED, String.valueOf(e.getMessage()));
    } catch (java.net.ConnectException e) {
      return HttpsResult.failure(
          HttpsResult.Outcome.CONNECT_FAILED, String.valueOf(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      return HttpsResult.failure(
          HttpsResult.Outcome.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static int remainingMs(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static List<String> readHead(InputStream in, Socket s, long deadline) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      s.setSoTimeout(remainingMs(deadline));
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the response head");
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new IOException("response head longer than " + MAX_HEADER_BYTES + " bytes");
      }
      if (b == '\n') {
        String l = line.toString(StandardCharsets.ISO_8859_1);
        l = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
        if (l.isEmpty()) {
          if (lines.isEmpty()) {
            throw new IOException("empty response");
          }
          return lines;
        }
        lines.add(l);
        line.reset();
      } else {
        line.write(b);
      }
    }
  }

  private static boolean readPlain(
      InputStream in, Socket s, long deadline, int max, ByteArrayOutputStream body, long length)
      throws IOException {
    byte[] buf = new byte[8192];
    long left = length < 0 ? Long.MAX_VALUE : length;
    while (left > 0) {
      s.setSoTimeout(remainingMs(deadline));
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        return false;
      }
      left -= n;
      int room = max - body.size();
      body.write(buf, 0, Math.min(room, n));
      if (n > room) {
        return true;
      }
    }
    return false;
  }

  private static boolean readChunked(
      InputStream in, Socket s, long deadline, int max, ByteArrayOutputStream body)
      throws IOException {
    while (true) {
      String sizeLine = readLine(in, s, deadline);
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        return false;
      }
      if (body.size() + size > max) {
        readPlain(in, s, deadline, max, body, max - body.size());
        return true;
      }
      readPlain(in, s, deadline, max, body, size);
      readLine(in, s, deadline);
    }
  }

  private static String readLine(InputStream in, Socket s, long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (line.size() < 1024) {
      s.setSoTimeout(remainingMs(deadline));
      int b = in.read();
      if (b < 0 || b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
