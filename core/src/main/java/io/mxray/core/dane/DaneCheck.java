package io.mxray.core.dane;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE for every MX (RFC 7672): TLSA records at {@code _25._tcp.<mx>}, whether they are DNSSEC-secure
 * (the resolver's AD flag: point --resolver at a validating resolver), and whether they match the chain
 * the MX presents when a probe saw it.
 */
public final class DaneCheck implements Check {

  public static final CheckId ID = CheckId.of("dane");
  static final int MAX_HOSTS = 8;

  private final ChainSource chains;

  /** With the SMTP probe as the source of presented chains (used only when probing is allowed). */
  public DaneCheck() {
    this(new ProbedChainSource());
  }

  public DaneCheck(ChainSource chains) {
    this.chains = chains;
  }

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "DANE for SMTP (TLSA)";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    MxSet mx = MxSet.resolve(ctx.dns(), ctx.domain());
    List<Map<String, Object>> facts = new ArrayList<>();
    List<Finding> missing = new ArrayList<>();
    for (MxHost h : mx.hosts().subList(0, Math.min(mx.hosts().size(), MAX_HOSTS))) {
      String name = "_25._tcp." + h.host();
      DnsAnswer a = ctx.dns().query(name, Type.TLSA);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("host", h.host());
      f.put("tlsaName", name);
      f.put("lookup", a.status().name());
      facts.add(f);
      if (a.isFailure()) {
        out.add(DnsCodes.failure(a, "the TLSA records of " + h.host()));
        continue;
      }
      List<Tlsa> records = new ArrayList<>();
      for (Record r : a.records()) {
        if (r instanceof TLSARecord t) {
          records.add(Tlsa.of(t));
        }
      }
      f.put("tlsa", records.stream().map(Tlsa::text).toList());
      f.put("dnssecSecure", a.authenticated());
      // Only connect when there is something to match and the caller allows connections.
      List<X509Certificate> chain = records.isEmpty() || !ctx.request().probe() ? List.of() : chains.chain(ctx, h.host());
      f.put("chainSeen", !chain.isEmpty());
      List<Finding> fs = DaneAssessment.assess(h.host(), name, records, a.authenticated(), chain);
      if (records.isEmpty()) {
        missing.addAll(fs);
      } else {
        out.addAll(fs);
      }
    }
    // One "missing" note per domain is enough when no MX has DANE at all.
    if (!missing.isEmpty() && missing.size() == facts.size()) {
      Finding first = missing.get(0);
      out.add(Finding.of(DaneCodes.MISSING, ctx.domain(), "No MX host of " + ctx.domain()
              + " publishes TLSA records: DANE-aware senders (e.g. many European providers) cannot authenticate"
              + " your servers and use opportunistic TLS.")
          .withRemediation(first.remediation()));
    } else {
      out.addAll(missing);
    }
    out.fact("mx", facts);
    return out.build();
  }
}
