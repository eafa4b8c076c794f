package io.mxray.core.tlsrpt;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.mtasts.MtaStsTxt;
import java.util.List;
import org.xbill.DNS.Type;

/** SMTP TLS Reporting (RFC 8460 §3): the {@code _smtp._tls} record is present, unique and valid. */
public final class TlsRptCheck implements Check {

  public static final CheckId ID = CheckId.of("tls-rpt");

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "SMTP TLS reporting (TLS-RPT)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String domain = ctx.domain();
    String name = "_smtp._tls." + domain;
    CheckResult.Builder out = CheckResult.builder(ID, title());
    DnsAnswer a = ctx.dns().query(name, Type.TXT);
    if (a.isFailure()) {
      return out.add(DnsCodes.failure(a, "the TLS-RPT record")).build();
    }
    String suggested = name + ". IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@" + domain + "\"";
    List<String> records = a.txtJoined().stream().filter(TlsRptRecord::isTlsRpt).toList();
    if (records.isEmpty()) {
      // With MTA-STS published, the reports are how the owner learns that enforcement would break
      // delivery.
      DnsAnswer sts = ctx.dns().query("_mta-sts." + domain, Type.TXT);
      boolean hasSts = sts.txtJoined().stream().anyMatch(MtaStsTxt::isMtaSts);
      return out.add(
              Finding.of(
                      TlsRptCodes.MISSING,
                      domain,
                      domain
                          + " publishes no TLS-RPT record at "
                          + name
                          + ", so senders cannot report TLS failures"
                          + (hasSts ? " of its MTA-STS policy." : "."))
                  .withSeverity(hasSts ? Severity.WARN : Severity.INFO)
                  .withRemediation(suggested))
          .build();
    }
    if (records.size() > 1) {
      return out.add(
              Finding.of(
                      TlsRptCodes.INVALID,
                      name,
                      name
                          + " has "
                          + records.size()
                          + " TLS-RPT records; RFC 8460 §3 says senders then send no reports.")
                  .withRemediation("Keep exactly one, e.g. " + suggested)
                  .withEvidence(records))
          .build();
    }
    TlsRptRecord r = TlsRptRecord.parse(records.get(0));
    out.fact("record", records.get(0));
    if (!r.valid()) {
      return out.add(
              Finding.of(
                      TlsRptCodes.INVALID,
                      name,
                      "The TLS-RPT record at " + name + " is invalid: " + r.error() + ".")
                  .withRemediation(suggested)
                  .withEvidence(records.get(0)))
          .build();
    }
    out.fact("rua", r.rua());
    return out.add(
            Finding.of(
                TlsRptCodes.OK,
                name,
                "TLS failure reports go to " + String.join(", ", r.rua()) + "."))
        .build();
  }
}
