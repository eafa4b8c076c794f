/**
 * Monitoring: a watch list of domains re-audited on a jittered schedule ({@link
 * io.mxray.core.watch.WatchScheduler}), every report kept in a {@link
 * io.mxray.core.watch.WatchStore} (SQLite in WAL mode by default, PostgreSQL through the same JDBC
 * code), the difference between consecutive reports ({@link io.mxray.core.watch.ReportDiff}) and
 * change alerts by webhook with an HMAC-SHA256 signature and retries ({@link
 * io.mxray.core.watch.WebhookNotifier}). No HTTP server and no formatting here: hosts (the CLI's
 * {@code watch run}, the web server) inject renderers and transports.
 */
package io.mxray.core.watch;
