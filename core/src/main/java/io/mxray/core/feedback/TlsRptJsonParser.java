package io.mxray.core.feedback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mxray.core.feedback.FeedbackReport.DateRange;
import io.mxray.core.feedback.TlsReport.Failure;
import io.mxray.core.feedback.TlsReport.Policy;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an SMTP TLS report (RFC 8460 §4.4 JSON) with Jackson under stream constraints (nesting,
 * string and number lengths). Tolerant of what senders really write: {@code mx-host} and {@code
 * policy-string} as a string or an array, counts as strings, upper-case result types, the
 * pre-erratum {@code "sts-policy-invalid"} names; each repair is a finding.
 */
public final class TlsRptJsonParser {

  static final int MAX_POLICIES = 1_000;
  static final int MAX_FAILURES = 10_000;

  /** RFC 8460 §4.3 result types. */
  static final Set<String> RESULT_TYPES =
      Set.of(
          "starttls-not-supported",
          "certificate-host-mismatch",
          "certificate-expired",
          "certificate-not-trusted",
          "validation-failure",
          "tlsa-invalid",
          "dnssec-invalid",
          "dane-required",
          "sts-policy-fetch-error",
          "sts-policy-invalid",
          "sts-webpki-invalid");

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(32)
                      .maxStringLength(1_000_000)
                      .maxNumberLength(40)
                      .build())
              .build());

  record Result(Optional<TlsReport> report, List<Finding> findings, boolean isTlsRpt) {}

  private TlsRptJsonParser() {}

  /** Parses a complete TLS-RPT JSON document given as octets. */
  public static Optional<TlsReport> parse(byte[] json) {
    return read(json, "report").report();
  }

  static Result read(byte[] json, String subject) {
    Faults faults = new Faults(subject);
    Text.Decoded d = Text.decode(json);
    if (d.invalidUtf8()) {
      faults.add(
          Finding.of(
              FeedbackCodes.INVALID_UTF8,
              subject,
              "The JSON is not valid UTF-8 (RFC 8259 §8.1); bad bytes were read as Windows-1252."));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(d.text());
    } catch (JsonProcessingException e) {
      return new Result(
          Optional.empty(),
          List.of(
              Finding.of(
                  FeedbackCodes.JSON_MALFORMED,
                  subject,
                  "The JSON could not be read: "
                      + AggregateXmlParser.oneLine(e.getOriginalMessage())
                      + ".")),
          false);
    }
    if (root == null || !root.isObject()) {
      return new Result(
          Optional.empty(),
          List.of(Finding.of(FeedbackCodes.JSON_MALFORMED, subject, "The JSON is not an object.")),
          false);
    }
    if (!root.has("policies") && !root.has("report-id") && !root.has("organization-name")) {
      return new Result(Optional.empty(), List.of(), false);
    }
    String org = text(root, "organization-name", true, faults);
    String reportId = text(root, "report-id", true, faults);
    String contact = text(root, "contact-info", false, faults);
    JsonNode range = root.path("date-range");
    Instant begin = time(range.path("start-datetime"), "start-datetime", faults);
    Instant end = time(range.path("end-datetime"), "end-datetime", faults);
    if (begin.isAfter(end)) {
      faults.add(FeedbackCodes.BAD_DATE_RANGE, "start " + begin + " is after end " + end);
      Instant t = begin;
      begin = end;
      end = t;
    }
    List<Policy> policies = new ArrayList<>();
    JsonNode ps = root.path("policies");
    if (!ps.isArray() || ps.isEmpty()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "policies");
    } else {
      for (JsonNode p : ps) {
        if (policies.size() >= MAX_POLICIES) {
          faults.add(
              Finding.of(
                  FeedbackCodes.TRUNCATED,
                  subject,
                  "Only the first " + MAX_POLICIES + " policies were read."));
          break;
        }
        policies.add(policy(p, subject, faults));
      }
    }
    return new Result(
        Optional.of(
            new TlsReport(
                org, new DateRange(begin, end), contact, reportId, policies, faults.findings())),
        List.of(),
        true);
  }

  private static Policy policy(JsonNode p, String subject, Faults faults) {
    JsonNode pol = p.path("policy");
    String type = text(pol, "policy-type", true, faults).toLowerCase(Locale.ROOT);
    if (!pol.path("policy-type").asText("").equals(type)) {
      faults.add(
          FeedbackCodes.VALUE_NORMALIZED,
          "policy-type \"" + pol.path("policy-type").asText() + "\" → " + type);
    }
    if (!type.isEmpty() && !Set.of("sts", "tlsa", "no-policy-found").contains(type)) {
      faults.add(FeedbackCodes.UNKNOWN_VALUE, "policy-type \"" + type + "\"");
    }
    String domain = text(pol, "policy-domain", true, faults).toLowerCase(Locale.ROOT);
    JsonNode summary = p.path("summary");
    long ok =
        count(
            summary.path("total-successful-session-count"),
            "total-successful-session-count",
            faults);
    long failed =
        count(summary.path("total-failure-session-count"), "total-failure-session-count", faults);
    List<Failure> failures = new ArrayList<>();
    long detailed = 0;
    for (JsonNode f : p.path("failure-details")) {
      if (failures.size() >= MAX_FAILURES) {
        faults.add(
            Finding.of(
                FeedbackCodes.TRUNCATED,
                subject,
                "Only the first " + MAX_FAILURES + " failure details of a policy were read."));
        break;
      }
      String rt = text(f, "result-type", true, faults);
      String norm = rt.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      if (!norm.equals(rt)) {
        faults.add(FeedbackCodes.VALUE_NORMALIZED, "result-type \"" + rt + "\" → " + norm);
      }
      if (!norm.isEmpty() && !RESULT_TYPES.contains(norm)) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, "result-type \"" + rt + "\"");
      }
      long n = count(f.path("failed-session-count"), "failed-session-count", faults);
      detailed += n;
      failures.add(
          new Failure(
              norm,
              address(text(f, "sending-mta-ip", false, faults), faults),
              text(f, "receiving-mx-hostname", false, faults).toLowerCase(Locale.ROOT),
              text(f, "receiving-mx-helo", false, faults),
              address(text(f, "receiving-ip", false, faults), faults),
              n,
              text(f, "additional-information", false, faults),
              text(f, "failure-reason-code", false, faults)));
    }
    if (detailed > failed && failed >= 0) {
      faults.add(
          FeedbackCodes.BAD_NUMBER,
          domain + ": failure details count " + detailed + " sessions, the summary " + failed);
    }
    return new Policy(
        type,
        strings(pol.path("policy-string")),
        domain,
        strings(pol.path("mx-host")),
        ok,
        failed,
        failures);
  }

  private static String address(String s, Faults faults) {
    if (s.isEmpty()) {
      return s;
    }
    Optional<java.net.InetAddress> a = Addresses.parse(s);
    if (a.isEmpty()) {
      faults.add(FeedbackCodes.BAD_ADDRESS, s);
      return s;
    }
    return Addresses.toText(a.get());
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode s : n) {
        if (out.size() < 100 && s.isValueNode()) {
          out.add(Text.clean(s.asText(), 1000));
        }
      }
    } else if (n.isValueNode() && !n.isNull()) {
      out.add(Text.clean(n.asText(), 1000));
    }
    return out;
  }

  private static String text(JsonNode o, String field, boolean required, Faults faults) {
    JsonNode n = o.path(field);
    if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      if (required) {
        faults.add(FeedbackCodes.MISSING_FIELD, field);
      }
      return "";
    }
    if (!n.isValueNode()) {
      faults.add(FeedbackCodes.UNKNOWN_VALUE, field + " is not a string");
      return "";
    }
    return Text.clean(n.asText().strip(), 4096);
  }

  private static long count(JsonNode n, String field, Faults faults) {
    if (n.isMissingNode() || n.isNull()) {
      faults.add(FeedbackCodes.MISSING_FIELD, field);
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) {
      return n.asLong();
    }
    if (n.isTextual()) {
      try {
        long v = Long.parseLong(n.asText().strip());
        if (v >= 0) {
          faults.add(FeedbackCodes.VALUE_NORMALIZED, field + " given as a string");
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    faults.add(FeedbackCodes.BAD_NUMBER, field + " " + Text.clean(n.toString(), 40));
    return 0;
  }

  private static Instant time(JsonNode n, String field, Faults faults) {
    String s = n.asText("").strip();
    if (s.isEmpty()) {
      faults.add(FeedbackCodes.BAD_DATE_RANGE, "no " + field);
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s.replace(' ', 'T'));
      } catch (DateTimeParseException e2) {
        faults.add(FeedbackCodes.BAD_DATE_RANGE, field + " \"" + Text.clean(s, 60) + "\"");
        return Instant.EPOCH;
      }
    }
  }
}
