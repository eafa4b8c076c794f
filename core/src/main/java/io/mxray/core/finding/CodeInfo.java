package io.mxray.core.finding;

import java.util.Objects;

/**
 * What a finding code is: its stable id, default severity, source and one-line summary. Each codes
 * enum holds one per constant and exposes it through {@link FindingCode#info()}.
 */
public record CodeInfo(String id, Severity severity, RfcRef rfc, String summary) {
  public CodeInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rfc, "rfc");
    Objects.requireNonNull(summary, "summary");
  }
}
