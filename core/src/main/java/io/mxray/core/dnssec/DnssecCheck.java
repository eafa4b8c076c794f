package io.mxray.core.dnssec;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * Whether the domain's zone validates (RFC 4033 §5): the SOA question is validated from the trust
 * anchor by the {@link DnssecValidator} the check was built with. Without a validator (zone-file
 * mode, or the default registry entry before a front end configures one) only the audit's DNS port
 * is used: no DNSKEY and no DS means unsigned; published keys are reported as not validated.
 */
public final class DnssecCheck implements Check {

  public static final CheckId ID = CheckId.of("dnssec");

  private final Optional<DnssecValidator> validator;

  /**
   * Without a validator: decides "unsigned" from the DNS port alone and never opens another socket.
   */
  public DnssecCheck() {
    this.validator = Optional.empty();
  }

  public DnssecCheck(DnssecValidator validator) {
    this.validator = Optional.of(validator);
  }

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "DNSSEC status";
  }

  /** Replayable without a validator; the validator does its own blocking I/O. */
  @Override
  public boolean replayable() {
    return validator.isEmpty();
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String domain = ctx.domain();
    CheckResult.Builder out = CheckResult.builder(ID, title());
    String signAdvice =
        "Sign the zone at your DNS provider (most offer one-click DNSSEC) and publish the DS record at"
            + " your registrar; then validating senders can authenticate your MX and use DANE.";
    if (validator.isEmpty()) {
      out.fact("method", "dnskey-presence");
      DnsAnswer keys = ctx.dns().query(domain, Type.DNSKEY);
      DnsAnswer ds = ctx.dns().query(domain, Type.DS);
      for (DnsAnswer a : new DnsAnswer[] {keys, ds}) {
        if (a.isFailure()) {
          return out.add(DnsCodes.failure(a, "the DNSSEC keys of " + domain)).build();
        }
      }
      if (!keys.hasRecords() && !ds.hasRecords()) {
        out.fact("status", DnssecStatus.INSECURE.id());
        return out.add(
                Finding.of(
                        DnssecCodes.UNSIGNED,
                        domain,
                        domain
                            + " publishes no DNSKEY and its parent no DS record: the zone is not signed.")
                    .withRemediation(signAdvice))
            .build();
      }
      return out.add(
              Finding.of(
                      DnssecCodes.NOT_VALIDATED,
                      domain,
                      domain
                          + " publishes DNSSEC keys, but no validating resolver was available to check the chain of trust"
                          + " (zone files cannot be validated).")
                  .withRemediation(
                      "Run the audit against the live DNS to validate the chain of trust."))
          .build();
    }
    DnssecValidator v = validator.get();
    out.fact("method", "validating-resolver");
    out.fact("trustAnchor", v.anchorDescription());
    DnssecVerdict verdict = v.validate(domain, Type.SOA);
    out.fact("status", verdict.status().id());
    if (!verdict.reason().isEmpty()) {
      out.fact("reason", verdict.reason());
    }
    switch (verdict.status()) {
      case SECURE ->
          out.add(
              Finding.of(
                  DnssecCodes.SECURE,
                  domain,
                  "The answers for "
                      + domain
                      + " validate from the "
                      + v.anchorDescription()
                      + "."));
      case INSECURE ->
          out.add(
              Finding.of(
                      DnssecCodes.UNSIGNED,
                      domain,
                      domain
                          + " is provably unsigned: there is no chain of trust from the "
                          + v.anchorDescription()
                          + ".")
                  .withRemediation(signAdvice));
      case BOGUS ->
          out.add(
              Finding.of(
                      DnssecCodes.BOGUS,
                      domain,
                      "DNSSEC validation of "
                          + domain
                          + " fails: "
                          + verdict.reason()
                          + ". Validating resolvers (most large"
                          + " mail providers use them) answer SERVFAIL, so mail to "
                          + domain
                          + " is delayed or bounced.")
                  .withRemediation(
                      "Re-sign the zone (expired signatures), or make the DS record at the registrar match a"
                          + " published DNSKEY; if signing cannot be fixed quickly, remove the DS record at the registrar first.")
                  .withEvidence(verdict.reason()));
      case INDETERMINATE ->
          out.add(
              Finding.of(
                      DnssecCodes.INDETERMINATE,
                      domain,
                      "Could not validate "
                          + domain
                          + ": "
                          + verdict.reason()
                          + ". The DNSSEC status is unknown.")
                  .withRemediation("Retry, or use another resolver with --resolver."));
      default -> throw new IllegalStateException(verdict.status().toString());
    }
    return out.build();
  }
}
