package io.mxray.core.bimi;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dmarc.DmarcDiscovery;
import io.mxray.core.dmarc.DmarcParser;
import io.mxray.core.dmarc.DmarcRecord;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * BIMI: the {@code default._bimi} record, the DMARC policy it requires (quarantine or reject at
 * 100%), the evidence document, and basic SVG Tiny PS checks of the logo fetched through the HTTPS
 * port.
 */
public final class BimiCheck implements Check {

  public static final CheckId ID = CheckId.of("bimi");
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "BIMI brand logo";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String domain = ctx.domain();
    String name = "default._bimi." + domain;
    CheckResult.Builder out = CheckResult.builder(ID, title());
    DnsAnswer a = ctx.dns().query(name, Type.TXT);
    if (a.isFailure()) {
      return out.add(DnsCodes.failure(a, "the BIMI record")).build();
    }
    List<String> records = a.txtJoined().stream().filter(BimiRecord::isBimi).toList();
    if (records.isEmpty()) {
      return out.add(
              Finding.of(
                      BimiCodes.MISSING,
                      domain,
                      domain + " publishes no BIMI record at " + name + ".")
                  .withRemediation(
                      "Optional: with DMARC at p=quarantine or p=reject, publish\n"
                          + name
                          + ". IN TXT \"v=BIMI1; l=https://"
                          + domain
                          + "/logo.svg; a=https://"
                          + domain
                          + "/vmc.pem\""))
          .build();
    }
    if (records.size() > 1) {
      return out.add(
              Finding.of(
                      BimiCodes.INVALID,
                      name,
                      name
                          + " has "
                          + records.size()
                          + " BIMI records; receivers"
                          + " ignore them all.")
                  .withRemediation("Keep exactly one v=BIMI1 record.")
                  .withEvidence(records))
          .build();
    }
    BimiRecord r = BimiRecord.parse(records.get(0));
    out.fact("record", records.get(0));
    if (!r.valid()) {
      return out.add(
              Finding.of(
                      BimiCodes.INVALID,
                      name,
                      "The BIMI record at " + name + " is invalid: " + r.error() + ".")
                  .withRemediation(name + ". IN TXT \"v=BIMI1; l=https://" + domain + "/logo.svg\"")
                  .withEvidence(records.get(0)))
          .build();
    }
    if (r.declined()) {
      return out.add(Finding.of(BimiCodes.DECLINED, name, domain + " declines BIMI (empty l=)."))
          .build();
    }
    dmarc(ctx, domain, out);
    if (r.authority().isEmpty()) {
      out.add(
          Finding.of(
                  BimiCodes.NO_AUTHORITY,
                  name,
                  "The record has no a= evidence document (Verified or Common Mark Certificate); most large mailbox"
                      + " providers show no logo without one.")
              .withRemediation("Obtain a VMC or CMC and add a=https://.../vmc.pem to the record."));
    }
    if (!r.logo().isEmpty()) {
      logo(ctx, r.logo(), out);
    }
    if (out.worst() == Severity.PASS || out.worst() == Severity.INFO) {
      out.add(
          Finding.of(
              BimiCodes.OK,
              name,
              "BIMI logo " + r.logo() + " is published and passes the basic checks."));
    }
    return out.build();
  }

  private static void dmarc(CheckContext ctx, String domain, CheckResult.Builder out) {
    DmarcDiscovery.Outcome o =
        DmarcDiscovery.discover(ctx.dns(), domain, DmarcDiscovery.Mode.ORG_DOMAIN);
    if (o.kind() == DmarcDiscovery.Kind.FAILED) {
      out.add(DnsCodes.failure(o.failure().orElseThrow(), "the DMARC record BIMI depends on"));
      return;
    }
    Optional<DmarcRecord> rec =
        o.kind() == DmarcDiscovery.Kind.FOUND
            ? DmarcParser.parse(o.records().get(0)).record()
            : Optional.empty();
    String why;
    if (rec.isEmpty()) {
      why = "it has no usable DMARC record";
    } else {
      DmarcRecord d = rec.get();
      DmarcRecord.Policy applied = o.inherited() ? d.effectiveSubdomainPolicy() : d.policy();
      if (applied == DmarcRecord.Policy.NONE) {
        why = "its DMARC policy is none";
      } else if (d.percent() < 100) {
        why = "its DMARC policy applies to only pct=" + d.percent() + "%";
      } else if (d.effectiveSubdomainPolicy() == DmarcRecord.Policy.NONE) {
        why = "its DMARC subdomain policy is sp=none";
      } else {
        return;
      }
    }
    out.add(
        Finding.of(
                BimiCodes.DMARC_INSUFFICIENT,
                domain,
                "Receivers will not show the BIMI logo of "
                    + domain
                    + " because "
                    + why
                    + "; BIMI requires DMARC at"
                    + " p=quarantine or p=reject with pct=100.")
            .withRemediation(
                "Move DMARC to enforcement first (see the dmarc check), e.g. _dmarc."
                    + domain
                    + ". IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@"
                    + domain
                    + "\""));
  }

  private static void logo(CheckContext ctx, String url, CheckResult.Builder out) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      out.add(Finding.of(BimiCodes.INVALID, url, "l= is not a valid URL: " + e.getMessage() + "."));
      return;
    }
    HttpsResult r = ctx.https().fetch(uri, TIMEOUT, SvgTinyPs.MAX_BYTES + 1);
    if (r.outcome() != HttpsResult.Outcome.OK || r.status() != 200) {
      boolean unknown = r.outcome() == HttpsResult.Outcome.TIMEOUT;
      out.add(
          Finding.of(
                  BimiCodes.LOGO_UNREACHABLE,
                  url,
                  "The BIMI logo at "
                      + url
                      + " could not be fetched: "
                      + (r.outcome() == HttpsResult.Outcome.OK
                          ? "HTTP " + r.status()
                          : r.outcome() + " " + r.detail())
                      + ".")
              .withSeverity(unknown ? Severity.INCONCLUSIVE : Severity.WARN)
              .withRemediation(
                  "Serve the SVG at "
                      + url
                      + " with HTTP 200, no redirect, and a publicly trusted certificate."));
      return;
    }
    byte[] body = r.body();
    List<String> problems =
        r.truncated()
            ? List.of("the file is larger than " + SvgTinyPs.MAX_BYTES + " bytes")
            : SvgTinyPs.check(body);
    out.fact("logoBytes", body.length);
    if (!problems.isEmpty()) {
      out.add(
          Finding.of(
                  BimiCodes.SVG_INVALID,
                  url,
                  "The BIMI logo is not valid SVG Tiny PS: " + String.join("; ", problems) + ".")
              .withRemediation(
                  "Convert the logo to SVG Tiny Portable/Secure (e.g. with the BIMI Group's conversion"
                      + " tools) and check it with a BIMI validator.")
              .withEvidence(problems));
    }
  }
}
