package io.mxray.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * {@link HttpsFetcher} on the JDK HTTP client: HTTPS only, certificates validated against the given
 * trust (the JDK's by default), redirects never followed, body capped, one overall deadline.
 */
public final class JdkHttpsFetcher implements HttpsFetcher {

  private final HttpClient client;

  public JdkHttpsFetcher() {
    this(null);
  }

  /** With a custom trust context (tests use a generated CA); null for the JDK default. */
  public JdkHttpsFetcher(SSLContext ssl) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
  }

  @Override
  public HttpsResult fetch(URI uri, Duration timeout, int maxBytes) {
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return HttpsResult.failure(
          HttpsResult.Outcome.ERROR, "only https:// URLs are fetched: " + uri);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "mxray").build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(maxBytes);
        boolean truncated = in.read() >= 0;
        return new HttpsResult(
            HttpsResult.Outcome.OK, response.statusCode(), headers, body, truncated, "");
      }
    } catch (HttpConnectTimeoutException e) {
      return HttpsResult.failure(HttpsResult.Outcome.TIMEOUT, "connect timed out");
    } catch (HttpTimeoutException e) {
      return HttpsResult.failure(
          HttpsResult.Outcome.TIMEOUT, "no response within " + timeout.toMillis() + " ms");
    } catch (SSLException e) {
      return HttpsResult.failure(HttpsResult.Outcome.TLS_FAILED, e.getMessage());
    } catch (ConnectException e) {
      return HttpsResult.failure(
          HttpsResult.Outcome.CONNECT_FAILED, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      HttpsResult.Outcome o =
          m.toLowerCase(Locale.ROOT).contains("certificate") || m.contains("PKIX")
              ? HttpsResult.Outcome.TLS_FAILED
              : HttpsResult.Outcome.ERROR;
      return HttpsResult.failure(o, e.getClass().getSimpleName() + ": " + m);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpsResult.failure(HttpsResult.Outcome.TIMEOUT, "interrupted");
    } catch (IllegalArgumentException e) {
      return HttpsResult.failure(HttpsResult.Outcome.ERROR, "invalid URL: " + e.getMessage());
    }
  }
}
