package io.mxray.core.feedback;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/**
 * What reading a feedback report found wrong with the input (never a crash, always one of these).
 */
public enum FeedbackCodes implements FindingCode {
  NOT_A_REPORT(
      "feedback.not-a-report",
      Severity.FAIL,
      RfcRef.rfc(7489, "7.2.1"),
      "The input holds no DMARC aggregate, DMARC failure or TLS-RPT report."),
  TOO_LARGE(
      "feedback.too-large",
      Severity.FAIL,
      RfcRef.rfc(7489, "7.2.1"),
      "The input or what it decompresses to is over the size cap (a compression bomb is refused)."),
  TOO_MANY_ENTRIES(
      "feedback.too-many-entries",
      Severity.FAIL,
      RfcRef.rfc(7489, "7.2.1"),
      "An archive or message holds more entries or parts than the cap; the rest were not read."),
  CORRUPT_ARCHIVE(
      "feedback.corrupt-archive",
      Severity.FAIL,
      RfcRef.rfc(1952),
      "A gzip or zip container is damaged or truncated and could not be unpacked."),
  XML_DTD(
      "feedback.xml-dtd",
      Severity.FAIL,
      RfcRef.rfc(7489, "C"),
      "The XML declares a DTD or entities; it is refused (no report needs one, XXE and entity bombs do)."),
  XML_MALFORMED(
      "feedback.xml-malformed",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "The XML is not well-formed; what was read before the error is kept."),
  JSON_MALFORMED(
      "feedback.json-malformed",
      Severity.FAIL,
      RfcRef.rfc(8460, "4.4"),
      "The TLS-RPT JSON is not well-formed or not an object."),
  INVALID_UTF8(
      "feedback.invalid-utf8",
      Severity.WARN,
      RfcRef.rfc(3629),
      "The report is not valid UTF-8; bad bytes were read as Windows-1252."),
  MISSING_FIELD(
      "feedback.missing-field",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "A field the schema requires is missing or empty."),
  UNKNOWN_VALUE(
      "feedback.unknown-value",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "A field holds a value outside the schema's list; it is kept as written."),
  VALUE_NORMALIZED(
      "feedback.value-normalized",
      Severity.INFO,
      RfcRef.rfc(7489, "C"),
      "Values were written in upper case, with spaces, or in an older draft's words and were normalised."),
  BAD_NUMBER(
      "feedback.bad-number",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "A count or timestamp is not a non-negative integer; it was read as 0."),
  BAD_ADDRESS(
      "feedback.bad-address",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "A source IP is not an IPv4 or IPv6 address; the record is kept with the text as written."),
  BAD_DATE_RANGE(
      "feedback.bad-date-range",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "The report period is missing, reversed or implausible."),
  EMPTY_REASON(
      "feedback.empty-reason",
      Severity.INFO,
      RfcRef.rfc(7489, "C"),
      "A policy override reason has no type; it is kept as \"other\"."),
  DUPLICATE_RECORD(
      "feedback.duplicate-record",
      Severity.INFO,
      RfcRef.rfc(7489, "C"),
      "The report lists the same record (IP, identifiers, results) more than once; counts were summed."),
  NO_RECORDS(
      "feedback.no-records",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "An aggregate report without records (the schema requires at least one)."),
  TRUNCATED(
      "feedback.truncated",
      Severity.WARN,
      RfcRef.rfc(7489, "C"),
      "The report has more records, policies or failure details than the cap; the rest were not read."),
  FAILURE_NOT_ARF(
      "feedback.failure-not-arf",
      Severity.INFO,
      RfcRef.rfc(6591, "3"),
      "A failure report in free text, not RFC 6591 ARF; its fields were read heuristically."),
  DUPLICATE_REPORT(
      "feedback.duplicate-report",
      Severity.INFO,
      RfcRef.rfc(7489, "7.2.1.1"),
      "A report with this (organisation, report id) was stored before; the copy was not stored again.");

  private final CodeInfo info;

  FeedbackCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
