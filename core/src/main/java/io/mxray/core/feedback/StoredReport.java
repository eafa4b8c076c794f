package io.mxray.core.feedback;

import io.mxray.core.feedback.FeedbackReport.DateRange;
import io.mxray.core.feedback.FeedbackReport.Kind;
import java.time.Instant;

/**
 * A stored report's summary.
 *
 * @param messages messages (aggregate), sessions (TLS-RPT) or 1 (failure report)
 */
public record StoredReport(
    long id,
    Kind kind,
    String orgName,
    String reportId,
    String policyDomain,
    DateRange dateRange,
    Instant receivedAt,
    long messages) {}
