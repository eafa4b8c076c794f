package io.mxray.core.testing;

import io.mxray.core.http.HttpsFetcher;
import io.mxray.core.http.HttpsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An {@link HttpsFetcher} for tests that connects every host it knows to a port on 127.0.0.1 while
 * keeping TLS honest: SNI and certificate host-name validation use the URL's host name, and the
 * chain must lead to the given trust (a {@link TestPki}). Hosts it does not know fail as
 * CONNECT_FAILED; no packet leaves loopback.
 */
public final class LoopbackHttpsFetcher implements HttpsFetcher {

  private final SSLContext trust;
  private final Map<String, Integer> ports;

  public LoopbackHttpsFetcher(SSLContext trust, Map<String, Integer> ports) {
    this.trust = trust;
    this.ports = Map.copyOf(ports);
  }

  @Override
  public HttpsResult fetch(URI uri, Duration timeout, int maxBytes) {
    String host = uri.getHost();
    Integer port = ports.get(host);
    if (port == null) {
      return HttpsResult.failure(
          HttpsResult.Outcome.CONNECT_FAILED, host + " is not served by the loopback fixture");
    }
    int ms = (int) timeout.toMillis();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ms);
      plain.setSoTimeout(ms);
      try (SSLSocket ssl =
          (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        OutputStream out = ssl.getOutputStream();
        String path =
            uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        out.write(
            ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = ssl.getInputStream();
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String h;
        while (!(h = line(in)).isEmpty()) {
          int c = h.indexOf(':');
          headers.put(
              h.substring(0, c).strip().toLowerCase(Locale.ROOT),
              List.of(h.substring(c + 1).strip()));
        }
        byte[] body = in.readNBytes(maxBytes);
        boolean truncated = in.read() >= 0;
        return new HttpsResult(HttpsResult.Outcome.OK, code, headers, body, truncated, "");
      }
    } catch (SocketTimeoutException e) {
      return HttpsResult.failure(HttpsResult.Outcome.TIMEOUT, "no response within " + ms + " ms");
    } catch (SSLException e) {
      return HttpsResult.failure(HttpsResult.Outcome.TLS_FAILED, e.getMessage());
    } catch (IOException e) {
      return HttpsResult.failure(HttpsResult.Outcome.CONNECT_FAILED, e.getMessage());
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
      if (b.length() > 8192) {
        throw new IOException("header line too long");
      }
    }
    return b.toString();
  }
}
