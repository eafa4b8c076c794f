package io.mxray.core.probe;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.finding.Finding;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import io.mxray.core.mx.PtrCheck;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The domain audit's live look at its mail exchangers: probes port 25 of every usable address of
 * each MX (IPv4 and IPv6, each reported on its own), with STARTTLS and TLS inspection, only when
 * the request allows probing. If port 25 is unreachable everywhere, tries the submission ports to
 * tell a blocked local network (OP25B) from dead servers.
 */
public final class SmtpCheck implements Check {

  public static final CheckId ID = CheckId.of("smtp");

  /** At most this many MX hosts are probed. */
  static final int MAX_HOSTS = 4;

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "SMTP service of the mail exchangers (port 25, STARTTLS, certificates)";
  }

  /**
   * DNS through the context only until the probes start, which move the run to a blocking thread.
   */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    CheckResult.Builder out = CheckResult.builder(ID, title());
    if (!ctx.request().probe()) {
      out.fact("probed", false);
      return out.build();
    }
    out.fact("probed", true);
    ProbeOptions options =
        ProbeOptions.defaults(ctx.clock())
            .withinBudget(ctx.request().checkTimeout())
            .withExtraTrust(ctx.request().extraTrust());
    MxSet mx = MxSet.resolve(ctx.dns(), ctx.domain());
    List<ProbeTarget> targets = new ArrayList<>();
    for (MxHost h : mx.hosts()) {
      if (targets.stream().map(ProbeTarget::name).distinct().count() >= MAX_HOSTS) {
        break;
      }
      for (InetAddress ip : usable(ctx, h)) {
        targets.add(
            ProbeTarget.of(h.host(), ip, Service.SMTP)
                .withReverseNames(PtrCheck.verify(ctx.dns(), ip).names()));
      }
    }
    if (targets.isEmpty()) {
      out.fact("smtp", List.of());
      return out.build();
    }
    // The probes run on threads of their own and block: in replay mode, move this check to a thread
    // that may.
    DnsAwait.blockingIo();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            targets.size(),
            r -> {
              Thread t = new Thread(r, "mxray-smtp-probe");
              t.setDaemon(true);
              return t;
            });
    try {
      Prober prober = new Prober(ctx.connector(), options);
      List<ProbeResult> results = prober.probeAll(targets, pool);
      Optional<Finding> blocked = Optional.empty();
      if (results.stream().noneMatch(ProbeResult::reachable)) {
        Prober quick = new Prober(ctx.connector(), options.withTlsScan(false));
        List<ProbeTarget> sub = new ArrayList<>();
        for (ProbeTarget t : targets.subList(0, Math.min(2, targets.size()))) {
          sub.add(
              new ProbeTarget(t.name(), t.address(), 587, Service.SUBMISSION, t.reverseNames()));
          sub.add(new ProbeTarget(t.name(), t.address(), 465, Service.SMTPS, t.reverseNames()));
        }
        blocked = Op25b.assess(results, quick.probeAll(sub, pool));
      }
      List<Map<String, Object>> facts = new ArrayList<>();
      for (ProbeResult r : results) {
        facts.add(summary(r));
        for (Finding f : r.findings()) {
          if (blocked.isEmpty() || !f.codeId().equals(ProbeCodes.SMTP_UNREACHABLE.id())) {
            out.add(f);
          }
        }
      }
      blocked.ifPresent(out::add);
      out.fact("smtp", facts);
    } finally {
      pool.shutdownNow();
    }
    return out.build();
  }

  /**
   * The addresses of the host that may be probed: routable (or assumed so), never documentation
   * space; at most {@link ProbeTargets#MAX_ADDRESSES}.
   */
  private static List<InetAddress> usable(CheckContext ctx, MxHost h) {
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress ip : new java.util.LinkedHashSet<>(h.addresses())) {
      AddressClass c = Addresses.classify(ip);
      if (c == AddressClass.DOCUMENTATION) {
        continue; // nothing listens there; fixtures use it
      }
      if ((c.isPublic() || ctx.request().assumedPublic(ip))
          && out.size() < ProbeTargets.MAX_ADDRESSES) {
        out.add(ip);
      }
    }
    return out;
  }

  static Map<String, Object> summary(ProbeResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", r.target().name());
    m.put("ip", Addresses.toText(r.target().address()));
    m.put("port", r.target().port());
    m.put("reachable", r.reachable());
    m.put("timings", r.timings());
    m.putAll(r.facts());
    r.tls()
        .ifPresent(
            t -> {
              Map<String, Object> tls = new LinkedHashMap<>();
              tls.put("established", t.established());
              tls.put("version", t.version());
              tls.put("cipher", t.cipher());
              tls.put("versions", t.versions());
              tls.put("scan", t.scan().status().id());
              m.put("tls", tls);
            });
    return m;
  }
}
