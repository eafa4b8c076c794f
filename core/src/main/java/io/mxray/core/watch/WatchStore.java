package io.mxray.core.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's storage port: the watch list and every audit of every watched domain.
 * Implementations are safe for one process's threads; {@link #saveAudit} is atomic (the audit and
 * the next run time are written together or not at all), so a crash loses at most the audit in
 * progress.
 */
public interface WatchStore extends AutoCloseable {

  /** Adds the entry or replaces the one for the same domain. */
  void put(WatchEntry entry);

  /** Removes a domain from the watch list (its history stays); false if it was not watched. */
  boolean remove(String domain);

  Optional<WatchEntry> get(String domain);

  /** Every watched domain, by name. */
  List<WatchEntry> list();

  /** Entries whose next run is at or before {@code now}, earliest first. */
  List<WatchEntry> due(Instant now);

  /**
   * Stores an audit and moves the domain's next run, in one transaction. Returns the audit's id.
   *
   * @param reportJson the full report document as the host renders it (kept for the API and
   *     dashboard)
   */
  long saveAudit(AuditSnapshot snapshot, String reportJson, Instant nextRunAt);

  /** The domain's audits, newest first, at most {@code limit}. */
  List<StoredAudit> history(String domain, int limit);

  Optional<StoredAudit> audit(long id);

  Optional<String> reportJson(long id);

  /** The newest audit of every domain that has one (for metrics). */
  List<StoredAudit> latestPerDomain();

  @Override
  void close();
}
