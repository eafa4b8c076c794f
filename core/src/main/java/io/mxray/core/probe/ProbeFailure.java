package io.mxray.core.probe;

/**
 * Why a dialogue stopped early. Internal to the probes: every probe turns it into an INCONCLUSIVE
 * (or, for a definite refusal, a FAIL) finding; it never leaves a public method.
 */
final class ProbeFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  enum Kind {
    /** A step or the overall deadline passed (silent or slow server). */
    TIMEOUT,
    /** The server closed the connection. */
    CLOSED,
    /** A line longer than the cap, or more data than the cap. */
    OVERSIZE,
    /** Bytes that are not the protocol (binary, wrong reply syntax). */
    GARBAGE,
    /** The connection was actively refused (TCP RST): nothing listens, or a filter rejects. */
    REFUSED,
    /** The server refused the session in its protocol (421/554 greeting, -ERR, * BYE). */
    UNAVAILABLE,
    /** Any other socket error. */
    IO
  }

  private final Kind kind;

  ProbeFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
