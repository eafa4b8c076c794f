package io.mxray.core.spf;

/** One term of an SPF record: a directive or a modifier (RFC 7208 §4.6.1). */
public sealed interface SpfTerm permits SpfDirective, SpfModifier {

  /** The term exactly as written. */
  String text();

  /** Zero-based character offset of the term in the record. */
  int position();
}
