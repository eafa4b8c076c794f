package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One report a receiver sent: a DMARC aggregate report, a DMARC failure report or a TLS report.
 * Reports are identified by (kind, organisation, report id) — the key RFC 7489 §7.2.1.1 and RFC
 * 8460 §4.4 make unique per sender — and carry the faults their reading found.
 */
public sealed interface FeedbackReport permits AggregateReport, FailureReport, TlsReport {

  /** The three kinds, with the {@code type} each has in mxray's JSON. */
  enum Kind {
    DMARC_AGGREGATE("dmarc-aggregate"),
    DMARC_FAILURE("dmarc-failure"),
    TLSRPT("tlsrpt");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind fromId(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown report type: " + id);
    }
  }

  /** The period a report covers (UTC). For a failure report both ends are the arrival time. */
  record DateRange(Instant begin, Instant end) {}

  Kind kind();

  /** The reporting organisation, as it names itself. */
  String orgName();

  /** The report id, unique per organisation. */
  String reportId();

  /** The domain the report is about (DMARC policy domain, TLS-RPT policy domain). */
  String policyDomain();

  DateRange dateRange();

  /** Faults found while reading this report (normalised values, duplicates, …). */
  List<Finding> findings();
}
