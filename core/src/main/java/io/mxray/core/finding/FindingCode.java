package io.mxray.core.finding;

/**
 * A stable, documented finding code such as {@code spf.too-many-lookups}. Each protocol package has an
 * enum implementing this interface; together they form the catalogue ({@link FindingCatalogue}). Codes
 * are a public contract: never rename one silently.
 */
public interface FindingCode {

  /** The stable identifier, lower-case, dotted: {@code mx.null}. */
  String id();

  /** The severity a finding of this code has unless the check decides otherwise. */
  Severity defaultSeverity();

  /** Where the rule comes from. */
  RfcRef rfc();

  /** One line saying what the code means, for the catalogue. */
  String summary();
}
