package io.mxray.core.spf;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the SPF linter and evaluator (RFC 7208). */
public enum SpfCodes implements FindingCode {
  OK(
      "spf.ok",
      Severity.PASS,
      RfcRef.rfc(7208, "4"),
      "One valid SPF record, within the lookup limits, ending in -all or ~all."),
  MISSING(
      "spf.missing",
      Severity.WARN,
      RfcRef.rfc(7208, "4.5"),
      "The domain publishes no SPF record; receivers cannot tell its mail from forgeries (result none)."),
  MULTIPLE(
      "spf.multiple",
      Severity.FAIL,
      RfcRef.rfc(7208, "4.5"),
      "More than one SPF record is published; every check ends in permerror."),
  SYNTAX(
      "spf.syntax",
      Severity.FAIL,
      RfcRef.rfc(7208, "4.6.1"),
      "The SPF record does not parse; every check ends in permerror."),
  MACRO_INVALID(
      "spf.macro-invalid",
      Severity.FAIL,
      RfcRef.rfc(7208, "7.1"),
      "A macro in the SPF record is malformed (or uses %{c}, %{r}, %{t} outside exp); permerror."),
  TOO_MANY_LOOKUPS(
      "spf.too-many-lookups",
      Severity.FAIL,
      RfcRef.rfc(7208, "4.6.4"),
      "Evaluating the record takes more than 10 DNS-querying terms (or an mx has more than 10 names); permerror."),
  VOID_LOOKUPS(
      "spf.void-lookups",
      Severity.FAIL,
      RfcRef.rfc(7208, "4.6.4"),
      "More than 2 lookups answer NXDOMAIN or no data; permerror (WARN when exactly at the limit)."),
  INCLUDE_MISSING(
      "spf.include-missing",
      Severity.FAIL,
      RfcRef.rfc(7208, "5.2"),
      "An include: target publishes no SPF record; evaluating it is a permerror."),
  REDIRECT_MISSING(
      "spf.redirect-missing",
      Severity.FAIL,
      RfcRef.rfc(7208, "6.1"),
      "The redirect= target publishes no SPF record; evaluating it is a permerror."),
  REDIRECT_LOOP(
      "spf.redirect-loop",
      Severity.FAIL,
      RfcRef.rfc(7208, "4.6.4"),
      "An include or redirect chain leads back to a domain already being evaluated; permerror."),
  ALL_PASS(
      "spf.all-pass",
      Severity.FAIL,
      RfcRef.rfc(7208, "5.1"),
      "The record ends in +all: every host on the Internet may send as this domain."),
  ALL_NEUTRAL(
      "spf.all-neutral",
      Severity.WARN,
      RfcRef.rfc(7208, "5.1"),
      "The record ends in ?all: it asserts nothing about other hosts, so it protects nothing."),
  NO_ALL(
      "spf.no-all",
      Severity.WARN,
      RfcRef.rfc(7208, "4.7"),
      "The record has neither an all mechanism nor a redirect; unlisted hosts get neutral."),
  PTR(
      "spf.ptr",
      Severity.WARN,
      RfcRef.rfc(7208, "5.5"),
      "The ptr mechanism (or %{p}) is deprecated: slow, unreliable, and some receivers skip it."),
  DEPRECATED_RR_TYPE(
      "spf.deprecated-rr-type",
      Severity.INFO,
      RfcRef.rfc(7208, "3.1"),
      "A type 99 (SPF) record is published; RFC 7208 retired it and receivers only read TXT."),
  STRING_TOO_LONG(
      "spf.string-too-long",
      Severity.FAIL,
      RfcRef.rfc(7208, "3.3"),
      "A TXT character-string is longer than 255 octets; it must be split into several strings."),
  RECORD_TOO_LONG(
      "spf.record-too-long",
      Severity.WARN,
      RfcRef.rfc(7208, "3.4"),
      "The SPF record is long: over 450 octets risks truncated UDP answers, over 512 often does (INFO for 451-512)."),
  JUNK_AFTER_ALL(
      "spf.junk-after-all",
      Severity.WARN,
      RfcRef.rfc(7208, "5.1"),
      "Terms after 'all' are never evaluated (a redirect is ignored when 'all' is present)."),
  LOOKUP_TIMEOUT(
      "spf.lookup-timeout",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(7208, "4.4"),
      "A lookup needed for SPF timed out or failed; the result is unknown (temperror), not missing."),
  PARKED_DOMAIN(
      "spf.parked-domain",
      Severity.WARN,
      RfcRef.rfc(7208, "10.1.2"),
      "The domain receives no mail and publishes no SPF; say it sends none with v=spf1 -all.");

  private final CodeInfo info;

  SpfCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
