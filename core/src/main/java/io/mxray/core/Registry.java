package io.mxray.core;

import io.mxray.core.arc.ArcCodes;
import io.mxray.core.audit.AuditCodes;
import io.mxray.core.audit.Check;
import io.mxray.core.bimi.BimiCheck;
import io.mxray.core.bimi.BimiCodes;
import io.mxray.core.bounce.BounceCodes;
import io.mxray.core.dane.DaneCheck;
import io.mxray.core.dane.DaneCodes;
import io.mxray.core.dkim.DkimKeyCheck;
import io.mxray.core.dkim.DkimKeyCodes;
import io.mxray.core.dkim.DkimVerifierCodes;
import io.mxray.core.dmarc.DmarcCheck;
import io.mxray.core.dmarc.DmarcCodes;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dnsbl.DnsblCheck;
import io.mxray.core.dnsbl.DnsblCodes;
import io.mxray.core.dnssec.DnssecCheck;
import io.mxray.core.dnssec.DnssecCodes;
import io.mxray.core.feedback.FeedbackCodes;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.headers.HeadersCodes;
import io.mxray.core.insight.InsightCodes;
import io.mxray.core.mailtest.MailTestCodes;
import io.mxray.core.mtasts.MtaStsCheck;
import io.mxray.core.mtasts.MtaStsCodes;
import io.mxray.core.mx.MxCheck;
import io.mxray.core.mx.MxCodes;
import io.mxray.core.mx.NsCheck;
import io.mxray.core.mx.PtrCheck;
import io.mxray.core.probe.ProbeCodes;
import io.mxray.core.probe.SmtpCheck;
import io.mxray.core.spf.SpfCheck;
import io.mxray.core.spf.SpfCodes;
import io.mxray.core.tlsrpt.TlsRptCheck;
import io.mxray.core.tlsrpt.TlsRptCodes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the checks of a domain audit and the finding-code enums are listed. Adding a protocol means
 * adding its check(s) and its codes enum here; the catalogue in {@code docs/findings.md} is
 * generated from it.
 */
public final class Registry {

  private Registry() {}

  /** Every check a full {@code mxray audit} runs, in report order. */
  public static List<Check> auditChecks() {
    return List.of(
        new MxCheck(),
        new PtrCheck(),
        new NsCheck(),
        new SmtpCheck(),
        new SpfCheck(),
        new DmarcCheck(),
        new DkimKeyCheck(),
        new MtaStsCheck(),
        new TlsRptCheck(),
        new BimiCheck(),
        new DnssecCheck(),
        new DnsblCheck(),
        new DaneCheck());
  }

  /** Every codes enum, in catalogue order. */
  static List<FindingCode[]> codeSets() {
    return List.of(
        AuditCodes.values(),
        DnsCodes.values(),
        MxCodes.values(),
        SpfCodes.values(),
        DmarcCodes.values(),
        DkimKeyCodes.values(),
        MtaStsCodes.values(),
        TlsRptCodes.values(),
        BimiCodes.values(),
        DnssecCodes.values(),
        DnsblCodes.values(),
        DaneCodes.values(),
        BounceCodes.values(),
        HeadersCodes.values(),
        DkimVerifierCodes.values(),
        ArcCodes.values(),
        ProbeCodes.values(),
        FeedbackCodes.values(),
        InsightCodes.values(),
        MailTestCodes.values());
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
