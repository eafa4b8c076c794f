package io.mxray.core.headers;

import java.util.Locale;
import java.util.Objects;

/**
 * One bulk-sender requirement and whether the message meets it.
 *
 * @param id stable id ("spf-pass", "one-click-unsubscribe", ...)
 * @param title what is required
 * @param status pass, fail or unknown (could not tell from the message and the DNS)
 * @param rule which published rule requires it
 * @param detail what was seen
 */
public record ChecklistItem(String id, String title, Status status, String rule, String detail) {

  public enum Status {
    PASS,
    FAIL,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ChecklistItem {
    Objects.requireNonNull(status, "status");
  }
}
