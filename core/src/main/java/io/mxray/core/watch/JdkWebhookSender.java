package io.mxray.core.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link WebhookSender} on the JDK's HTTP client: no redirects followed, response body discarded.
 */
public final class JdkWebhookSender implements WebhookSender {

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Override
  public Response post(URI target, Map<String, String> headers, byte[] body, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    try {
      HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
      return new Response(r.statusCode(), "");
    } catch (IOException e) {
      return new Response(
          0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, "interrupted");
    } catch (IllegalArgumentException e) {
      return new Response(0, "bad request: " + e.getMessage());
    }
  }
}
