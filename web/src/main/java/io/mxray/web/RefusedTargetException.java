package io.mxray.web;

import java.io.IOException;

/** A connection the SSRF guard refused; an I/O outcome for probes, a 403 problem for the API. */
public final class RefusedTargetException extends IOException {

  private final transient TargetGuard.Refusal refusal;

  public RefusedTargetException(TargetGuard.Refusal refusal) {
    super(refusal.reason());
    this.refusal = refusal;
  }

  public TargetGuard.Refusal refusal() {
    return refusal;
  }
}
