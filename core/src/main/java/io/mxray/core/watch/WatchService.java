package io.mxray.core.watch;

import io.mxray.core.finding.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI and the HTTP API do with the watch list, as plain methods: add, remove, list,
 * history, diff and the per-domain gauges for Prometheus. Validation errors are {@link
 * IllegalArgumentException}s with a one-line message (the API answers 400 with it).
 */
public final class WatchService {

  /** The gauges exported per watched domain. */
  public record Gauges(
      String domain,
      Severity worst,
      Map<Severity, Long> findings,
      Optional<Long> certDaysLeft,
      Optional<Long> lastAuditAgeSeconds,
      Optional<Long> lastAuditId) {}

  private final WatchStore store;
  private final Clock clock;

  public WatchService(WatchStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private volatile Runnable changed = () -> {};

  /** Called after every add or remove (a hosting scheduler re-reads its schedule). */
  public void onChange(Runnable listener) {
    this.changed = listener;
  }

  public WatchStore store() {
    return store;
  }

  /** Adds or updates a watch; the first audit is due at once. */
  public WatchEntry add(String domain, Duration every, String webhook, String secret) {
    WatchEntry e = WatchEntry.create(domain, every, webhook, secret, clock.instant());
    Optional<WatchEntry> old = store.get(e.domain());
    if (old.isPresent()) {
      // Keep the schedule and the add date of an existing watch; change only what was asked.
      e =
          new WatchEntry(
              e.domain(),
              e.every(),
              e.webhook(),
              e.secret(),
              old.get().addedAt(),
              old.get().nextRunAt());
    }
    store.put(e);
    changed.run();
    return e;
  }

  public boolean remove(String domain) {
    boolean removed = store.remove(io.mxray.core.dns.DomainName.parse(domain).ascii());
    changed.run();
    return removed;
  }

  public List<WatchEntry> list() {
    return store.list();
  }

  public List<StoredAudit> history(String domain, int limit) {
    return store.history(io.mxray.core.dns.DomainName.parse(domain).ascii(), limit);
  }

  /**
   * The diff between two stored audits of a domain; with {@code fromId}/{@code toId} 0 it compares
   * the two newest. Empty when the ids are unknown or belong to another domain.
   */
  public Optional<AuditDiff> diff(String domain, long fromId, long toId) {
    String d = io.mxray.core.dns.DomainName.parse(domain).ascii();
    StoredAudit to;
    StoredAudit from;
    if (fromId == 0 && toId == 0) {
      List<StoredAudit> last = store.history(d, 2);
      if (last.isEmpty()) {
        return Optional.empty();
      }
      to = last.get(0);
      from = last.size() > 1 ? last.get(1) : null;
    } else {
      Optional<StoredAudit> t = store.audit(toId);
      Optional<StoredAudit> f = store.audit(fromId);
      if (t.isEmpty()
          || f.isEmpty()
          || !t.get().snapshot().domain().equals(d)
          || !f.get().snapshot().domain().equals(d)) {
        return Optional.empty();
      }
      to = t.get();
      from = f.get();
    }
    return Optional.of(
        ReportDiff.between(
            from == null ? 0 : from.id(),
            from == null ? null : from.snapshot(),
            to.id(),
            to.snapshot(),
            clock.instant(),
            ReportDiff.DEFAULT_EXPIRY_WARNING));
  }

  /** One set of gauges per watched domain (domains never audited have only their zero counts). */
  public List<Gauges> gauges() {
    Instant now = clock.instant();
    Map<String, StoredAudit> latest = new java.util.HashMap<>();
    for (StoredAudit a : store.latestPerDomain()) {
      latest.put(a.snapshot().domain(), a);
    }
    List<Gauges> out = new ArrayList<>();
    for (WatchEntry e : store.list()) {
      StoredAudit a = latest.get(e.domain());
      Map<Severity, Long> counts = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        counts.put(s, a == null ? 0L : a.snapshot().count(s));
      }
      Optional<Long> days =
          a == null
              ? Optional.empty()
              : a.snapshot().certificates().values().stream()
                  .map(t -> Math.floorDiv(Duration.between(now, t).getSeconds(), 86_400))
                  .min(Long::compare);
      out.add(
          new Gauges(
              e.domain(),
              a == null ? Severity.PASS : a.snapshot().severity(),
              counts,
              days,
              a == null
                  ? Optional.empty()
                  : Optional.of(
                      Math.max(0, Duration.between(a.snapshot().auditedAt(), now).getSeconds())),
              a == null ? Optional.empty() : Optional.of(a.id())));
    }
    return out;
  }
}
