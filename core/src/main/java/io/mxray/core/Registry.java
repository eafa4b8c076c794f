package io.mxray.core;

import io.mxray.core.audit.AuditCodes;
import io.mxray.core.audit.Check;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.mx.MxCheck;
import io.mxray.core.mx.MxCodes;
import io.mxray.core.mx.NsCheck;
import io.mxray.core.mx.PtrCheck;
import io.mxray.core.probe.ProbeCodes;
import io.mxray.core.probe.SmtpCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the checks of a domain audit and the finding-code enums are listed. Adding a protocol means adding
 * its check(s) and its codes enum here; the catalogue in {@code docs/findings.md} is generated from it.
 */
public final class Registry {

  private Registry() {}

  /** Every check a full {@code mxray audit} runs, in report order. */
  public static List<Check> auditChecks() {
    return List.of(new MxCheck(), new PtrCheck(), new NsCheck(), new SmtpCheck());
  }

  /** Every codes enum, in catalogue order. */
  static List<FindingCode[]> codeSets() {
    return List.of(
        AuditCodes.values(),
        DnsCodes.values(),
        MxCodes.values(),
        ProbeCodes.values());
  }

  /** Every finding code mxray can emit, sorted by id. */
  public static List<FindingCode> findingCodes() {
    List<FindingCode> all = new ArrayList<>();
    for (FindingCode[] set : codeSets()) {
      all.addAll(List.of(set));
    }
    all.sort(Comparator.comparing(FindingCode::id));
    return all;
  }

  public static Optional<FindingCode> code(String id) {
    return findingCodes().stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
