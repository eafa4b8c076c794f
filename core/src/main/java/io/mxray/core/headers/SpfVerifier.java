package io.mxray.core.headers;

import java.net.InetAddress;

/**
 * The port through which message analysis re-evaluates SPF (RFC 7208 §4) for the origin IP and the
 * envelope sender. The SPF evaluator lives in its own package; an adapter to it is wired by the
 * caller.
 */
@FunctionalInterface
public interface SpfVerifier {

  /** Evaluates SPF for {@code ip} sending as {@code mailFrom} (or postmaster@helo when empty). */
  SpfVerdict verify(InetAddress ip, String mailFrom, String helo);

  /** Used until an evaluator is wired: says honestly that SPF was not evaluated. */
  SpfVerifier NOT_WIRED =
      (ip, mailFrom, helo) ->
          SpfVerdict.notEvaluated("no SPF evaluator is wired into this analysis");

  /**
   * An SPF outcome.
   *
   * @param result RFC 7208 §2.6 result, lower-case: none, neutral, pass, fail, softfail, temperror,
   *     permerror
   * @param evaluated false when SPF was not evaluated at all (then {@code result} is "none")
   * @param domain the domain whose policy was evaluated
   * @param reason how the result came about (mechanism matched, error), or why it was not evaluated
   */
  record SpfVerdict(String result, boolean evaluated, String domain, String reason) {
    public static SpfVerdict notEvaluated(String reason) {
      return new SpfVerdict("none", false, "", reason);
    }
  }
}
