package io.mxray.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Waiting for DNS answers in check code, so the same straight-line code can run two ways.
 *
 * <p>Normally {@link #await} simply joins. When the {@code Auditor} runs a check in <em>replay
 * mode</em> (on a small pool of threads that must never block), waiting on an answer that has not
 * arrived unwinds the check with {@link Suspended}; the auditor runs the check again from the start
 * once that answer is in, and this time the per-audit memo hands it over at once. A check in flight
 * therefore holds no thread while its questions are on the wire — thousands of audits can wait on
 * DNS with a handful of threads. This works because checks are deterministic functions of their DNS
 * answers and do I/O only through the ports.
 *
 * <p>Non-DNS I/O (a probe connection, an HTTPS fetch) calls {@link #blockingIo()} first: in replay
 * mode that unwinds with {@link NeedsThread} and the auditor re-runs the check on a thread that may
 * block.
 */
public final class DnsAwait {

  private static final ThreadLocal<Boolean> REPLAY = new ThreadLocal<>();

  private DnsAwait() {}

  /** Thrown (in replay mode only) to unwind a check until {@link #pending()} completes. */
  public static final class Suspended extends Error {
    private static final long serialVersionUID = 1L;
    private final transient CompletableFuture<?> pending;

    Suspended(CompletableFuture<?> pending) {
      super("suspended until a DNS answer arrives", null, false, false);
      this.pending = pending;
    }

    public CompletableFuture<?> pending() {
      return pending;
    }
  }

  /** Thrown (in replay mode only) when a check is about to do blocking non-DNS I/O. */
  public static final class NeedsThread extends Error {
    private static final long serialVersionUID = 1L;

    NeedsThread() {
      super("needs a thread that may block", null, false, false);
    }
  }

  /** Runs {@code body} in replay mode on this thread (the auditor's pool only). */
  public static <T> T inReplay(java.util.function.Supplier<T> body) {
    Boolean before = REPLAY.get();
    REPLAY.set(Boolean.TRUE);
    try {
      return body.get();
    } finally {
      if (before == null) {
        REPLAY.remove();
      } else {
        REPLAY.set(before);
      }
    }
  }

  /** True while this thread runs a check in replay mode. */
  public static boolean replaying() {
    return REPLAY.get() != null;
  }

  /** The answer: joined, or (replay mode, not yet arrived) unwinds with {@link Suspended}. */
  public static <T> T await(CompletableFuture<T> f) {
    if (!f.isDone() && replaying()) {
      throw new Suspended(f);
    }
    return f.join();
  }

  /**
   * All answers, in order. In replay mode a check unwinds once until every one has arrived (not
   * once per answer), so questions asked together stay concurrent.
   */
  public static <T> List<T> awaitAll(List<CompletableFuture<T>> fs) {
    if (replaying()) {
      List<CompletableFuture<T>> open = new ArrayList<>();
      for (CompletableFuture<T> f : fs) {
        if (!f.isDone()) {
          open.add(f);
        }
      }
      if (!open.isEmpty()) {
        throw new Suspended(CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)));
      }
    }
    List<T> out = new ArrayList<>(fs.size());
    for (CompletableFuture<T> f : fs) {
      out.add(f.join());
    }
    return out;
  }

  /** Call before blocking non-DNS I/O: in replay mode this unwinds with {@link NeedsThread}. */
  public static void blockingIo() {
    if (replaying()) {
      throw new NeedsThread();
    }
  }
}
