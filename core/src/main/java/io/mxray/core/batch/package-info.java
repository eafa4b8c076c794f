/**
 * Batch audits: reading a list of domains ({@link io.mxray.core.batch.DomainList}), a global DNS
 * query-rate limit ({@link io.mxray.core.batch.QueryRateLimiter}, {@link
 * io.mxray.core.batch.RateLimitedDnsClient}) and the {@link io.mxray.core.batch.BatchRunner} that
 * audits thousands of domains with bounded concurrency, handing each report to a sink as it
 * completes. Nothing here prints or formats.
 */
package io.mxray.core.batch;
