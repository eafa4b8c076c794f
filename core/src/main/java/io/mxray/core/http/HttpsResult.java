package io.mxray.core.http;

import java.util.List;
import java.util.Map;

/**
 * What one HTTPS GET produced.
 *
 * @param outcome OK when a response arrived (any status), else why not
 * @param status HTTP status code, 0 when no response
 * @param headers response headers (lower-case names)
 * @param body the body, at most the cap
 * @param truncated true when the body was longer than the cap
 * @param detail error text for failures
 */
public record HttpsResult(
    Outcome outcome,
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    boolean truncated,
    String detail) {

  public enum Outcome {
    OK,
    TIMEOUT,
    CONNECT_FAILED,
    TLS_FAILED,
    REFUSED_TARGET,
    ERROR
  }

  public HttpsResult {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
    detail = detail == null ? "" : detail;
  }

  public static HttpsResult failure(Outcome outcome, String detail) {
    return new HttpsResult(outcome, 0, Map.of(), new byte[0], false, detail);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
