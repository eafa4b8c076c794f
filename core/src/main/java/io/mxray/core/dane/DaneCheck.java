package io.mxray.core.dane;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dnssec.DnssecStatus;
import io.mxray.core.dnssec.DnssecValidator;
import io.mxray.core.dnssec.DnssecVerdict;
import io.mxray.core.finding.Finding;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE for every MX (RFC 7672): TLSA records at {@code _25._tcp.<mx>}, whether senders can use
 * them, and whether they match the chain the MX presents when a probe saw it. "Usable" means
 * DNSSEC-secure TLSA records and secure address records of the MX host (RFC 7672 §2.2); a bogus
 * answer makes DANE senders defer mail (§2.1.1). A {@link DnssecValidator} decides when the check
 * has one (the CLI and the service give it one; {@link #withValidator}); without it, the AD flag of
 * the audit's resolver does.
 */
public final class DaneCheck implements Check {

  public static final CheckId ID = CheckId.of("dane");
  static final int MAX_HOSTS = 8;

  private final ChainSource chains;
  private final Optional<DnssecValidator> validator;

  /** With the SMTP probe as the source of presented chains (used only when probing is allowed). */
  public DaneCheck() {
    this(new ProbedChainSource());
  }

  public DaneCheck(ChainSource chains) {
    this(chains, Optional.empty());
  }

  private DaneCheck(ChainSource chains, Optional<DnssecValidator> validator) {
    this.chains = chains;
    this.validator = validator;
  }

  /** The same check, with DNSSEC decided by {@code v} instead of the resolver's AD flag. */
  public DaneCheck withValidator(DnssecValidator v) {
    return new DaneCheck(chains, Optional.of(v));
  }

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "DANE for SMTP (TLSA)";
  }

  /** Replayable without a validator; the validator does its own blocking I/O. */
  @Override
  public boolean replayable() {
    return validator.isEmpty();
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    MxSet mx = MxSet.resolve(ctx.dns(), ctx.domain());
    out.fact("dnssecSource", validator.isPresent() ? "validator" : "resolver-ad");
    validator.ifPresent(v -> out.fact("trustAnchor", v.anchorDescription()));
    List<Map<String, Object>> facts = new ArrayList<>();
    List<Finding> missing = new ArrayList<>();
    boolean anyTlsa = false;
    for (MxHost h : mx.hosts().subList(0, Math.min(mx.hosts().size(), MAX_HOSTS))) {
      String name = "_25._tcp." + h.host();
      DnsAnswer a = ctx.dns().query(name, Type.TLSA);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("host", h.host());
      f.put("tlsaName", name);
      f.put("lookup", a.status().name());
      facts.add(f);
      if (a.isFailure()) {
        // A validating resolver answers SERVFAIL for a bogus TLSA RRset; the validator can say so.
        Optional<DnssecVerdict> why =
            a.status() == DnsStatus.SERVFAIL
                ? validator.map(v -> v.validate(name, Type.TLSA))
                : Optional.empty();
        if (why.isPresent() && why.get().status() == DnssecStatus.BOGUS) {
          anyTlsa = true;
          f.put("dnssec", DnssecStatus.BOGUS.id());
          out.add(
              DaneAssessment.bogus(
                  h.host(), new TlsaTrust(DnssecStatus.BOGUS, name + " TLSA", why.get().reason())));
        } else {
          out.add(DnsCodes.failure(a, "the TLSA records of " + h.host()));
        }
        continue;
      }
      List<Tlsa> records = new ArrayList<>();
      for (Record r : a.records()) {
        if (r instanceof TLSARecord t) {
          records.add(Tlsa.of(t));
        }
      }
      f.put("tlsa", records.stream().map(Tlsa::text).toList());
      TlsaTrust trust = TlsaTrust.of(a.authenticated(), name);
      if (!records.isEmpty()) {
        anyTlsa = true;
        trust = trust(h, name, a);
        f.put("dnssec", trust.status().id());
        if (!trust.secure()) {
          f.put("dnssecRrset", trust.rrset());
        }
        if (!trust.reason().isEmpty()) {
          f.put("dnssecReason", trust.reason());
        }
      }
      f.put("dnssecSecure", trust.secure());
      // Only connect when there is something to match and the caller allows connections.
      List<X509Certificate> chain =
          records.isEmpty() || !ctx.request().probe() ? List.of() : chains.chain(ctx, h.host());
      f.put("chainSeen", !chain.isEmpty());
      List<Finding> fs = DaneAssessment.assess(h.host(), name, records, trust, chain);
      if (records.isEmpty()) {
        missing.addAll(fs);
      } else {
        out.addAll(fs);
      }
    }
    if (anyTlsa && validator.isPresent()) {
      mxRrset(ctx.domain(), out);
    }
    // One "missing" note per domain is enough when no MX has DANE at all.
    if (!missing.isEmpty() && missing.size() == facts.size()) {
      Finding first = missing.get(0);
      out.add(
          Finding.of(
                  DaneCodes.MISSING,
                  ctx.domain(),
                  "No MX host of "
                      + ctx.domain()
                      + " publishes TLSA records: DANE-aware senders (e.g. many European providers) cannot authenticate"
                      + " your servers and use opportunistic TLS.")
              .withRemediation(first.remediation()));
    } else {
      out.addAll(missing);
    }
    out.fact("mx", facts);
    return out.build();
  }

  /**
   * The TLSA RRset's DNSSEC status; when it is secure, the host's address records must be too, or
   * senders never look the TLSA records up (RFC 7672 §2.2).
   */
  private TlsaTrust trust(MxHost h, String tlsaName, DnsAnswer tlsa) {
    if (validator.isEmpty()) {
      return TlsaTrust.of(tlsa.authenticated(), tlsaName);
    }
    DnssecVerdict v = validator.get().validate(tlsaName, Type.TLSA);
    if (v.status() != DnssecStatus.SECURE) {
      return new TlsaTrust(v.status(), tlsaName + " TLSA", v.reason());
    }
    int type = h.a().addresses().isEmpty() && !h.aaaa().addresses().isEmpty() ? Type.AAAA : Type.A;
    DnssecVerdict addr = validator.get().validate(h.host(), type);
    return new TlsaTrust(addr.status(), h.host() + " " + Type.string(type), addr.reason());
  }

  /**
   * The MX RRset itself: bogus makes every validating sender defer mail. Insecure is allowed (RFC
   * 7672 §2.2.1: senders may still use the MX hosts' own TLSA records), so it is only recorded.
   */
  private void mxRrset(String domain, CheckResult.Builder out) {
    DnssecVerdict v = validator.orElseThrow().validate(domain, Type.MX);
    out.fact("mxDnssec", v.status().id());
    if (v.status() == DnssecStatus.BOGUS) {
      out.add(
          DaneAssessment.bogus(
              domain, new TlsaTrust(DnssecStatus.BOGUS, domain + " MX", v.reason())));
    }
  }
}
