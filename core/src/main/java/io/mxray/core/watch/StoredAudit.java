package io.mxray.core.watch;

/**
 * An audit as kept in the store: its id (increasing per store) and snapshot. The full report
 * document is fetched separately ({@link WatchStore#reportJson(long)}): histories list many audits.
 */
public record StoredAudit(long id, AuditSnapshot snapshot) {}
