package io.mxray.core.finding;

/**
 * A stable, documented finding code such as {@code spf.too-many-lookups}. Each protocol package has
 * an enum implementing this interface; together they form the catalogue ({@link FindingCatalogue}).
 * Codes are a public contract: never rename one silently.
 */
public interface FindingCode {

  /** The code's id, default severity, source and summary. */
  CodeInfo info();

  /** The stable identifier, lower-case, dotted: {@code mx.null}. */
  default String id() {
    return info().id();
  }

  /** The severity a finding of this code has unless the check decides otherwise. */
  default Severity defaultSeverity() {
    return info().severity();
  }

  /** Where the rule comes from. */
  default RfcRef rfc() {
    return info().rfc();
  }

  /** One line saying what the code means, for the catalogue. */
  default String summary() {
    return info().summary();
  }
}
