package io.mxray.web;

import java.util.Map;

/**
 * A request the API answers with an RFC 9457 problem: thrown (or passed to {@code ctx.fail}) by
 * handlers, rendered by {@link Problems}. Not for bugs: anything else becomes a 500
 * "internal-error" problem.
 *
 * @param status HTTP status
 * @param slug the problem type's last part ({@code urn:mxray:problem:<slug>}), documented in
 *     docs/web.md
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final transient Map<String, Object> extensions;

  public ApiException(
      int status, String slug, String title, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  public ApiException(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "invalid-request", "The request is not valid", detail);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
