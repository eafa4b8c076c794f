package io.mxray.core.audit;

import java.util.function.Function;

/** Checks made from a lambda, for Auditor tests. */
final class TestChecks {

  private TestChecks() {}

  /** A blocking check named {@code id}. */
  static Check of(String id, Function<CheckContext, CheckResult> body) {
    return of(id, false, body);
  }

  /** A check that may run in replay mode. */
  static Check replayable(String id, Function<CheckContext, CheckResult> body) {
    return of(id, true, body);
  }

  private static Check of(String id, boolean replayable, Function<CheckContext, CheckResult> body) {
    return new Check() {
      @Override
      public CheckId id() {
        return CheckId.of(id);
      }

      @Override
      public String title() {
        return id;
      }

      @Override
      public boolean replayable() {
        return replayable;
      }

      @Override
      public CheckResult run(CheckContext ctx) {
        return body.apply(ctx);
      }
    };
  }
}
