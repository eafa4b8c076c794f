package io.mxray.core.spf;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.net.Addresses;
import io.mxray.core.net.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * {@code check_host()} of RFC 7208 §4, with the limits of §4.6.4 and a full trace. DNS only through
 * the injected {@link DnsClient}; never throws for protocol outcomes. One instance may serve many
 * checks.
 */
public final class SpfEvaluator {

  /**
   * Evaluation settings.
   *
   * @param limits the §4.6.4 limits
   * @param defaultExplanation the explanation of a fail without a usable exp= (§6.2); empty for
   *     none
   * @param receiver the %{r} value (the receiving host's name)
   * @param clock the %{t} source
   */
  public record Options(
      SpfLimits limits, Optional<String> defaultExplanation, String receiver, Clock clock) {
    public static final Options DEFAULT =
        new Options(SpfLimits.RFC, Optional.empty(), "unknown", Clock.systemUTC());

    public Options {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(defaultExplanation, "defaultExplanation");
      receiver = Objects.requireNonNullElse(receiver, "unknown");
      Objects.requireNonNull(clock, "clock");
    }

    public Options withLimits(SpfLimits l) {
      return new Options(l, defaultExplanation, receiver, clock);
    }

    public Options withDefaultExplanation(String text) {
      return new Options(limits, Optional.ofNullable(text), receiver, clock);
    }
  }

  private final DnsClient dns;
  private final Options options;

  public SpfEvaluator(DnsClient dns) {
    this(dns, Options.DEFAULT);
  }

  public SpfEvaluator(DnsClient dns, Options options) {
    this.dns = Objects.requireNonNull(dns, "dns");
    this.options = Objects.requireNonNull(options, "options");
  }

  public SpfEvaluation checkHost(SpfRequest request) {
    Run run = new Run(request);
    Outcome o = run.evaluate(request.domain(), "check_host", true);
    return new SpfEvaluation(
        o.result,
        o.mechanism,
        o.result == SpfResult.FAIL ? o.explanation : Optional.empty(),
        run.lookups,
        run.voids,
        o.node,
        o.problem,
        o.reason);
  }

  /** What one record evaluated to. */
  private record Outcome(
      SpfResult result,
      Optional<String> mechanism,
      Optional<String> explanation,
      SpfTraceNode node,
      Optional<SpfCodes> problem,
      String reason) {}

  /** Unwinds one record's evaluation with an error result; never leaves this class. */
  private static final class Abort extends RuntimeException {
    final SpfResult result;
    final SpfCodes code;

    Abort(SpfResult result, SpfCodes code, String reason) {
      super(reason, null, false, false);
      this.result = result;
      this.code = code;
    }
  }

  /** The state of one check_host() call: the shared counters and the include/redirect stack. */
  private final class Run {
    final SpfRequest req;
    final SpfLimits limits = options.limits();
    final Deque<String> stack = new ArrayDeque<>();
    int lookups;
    int voids;
    List<String> log;

    Run(SpfRequest req) {
      this.req = req;
    }

    Outcome evaluate(String domainIn, String via, boolean wantExplanation) {
      String domain = SpfDomains.normalize(domainIn);
      List<String> recordQueries = new ArrayList<>();
      List<SpfTraceStep> steps = new ArrayList<>();
      if (!SpfDomains.valid(domain)) {
        String why =
            "'" + SpfDomains.shorten(domainIn) + "' is not a valid multi-label domain name (§4.3)";
        return new Outcome(
            SpfResult.NONE,
            Optional.empty(),
            Optional.empty(),
            new SpfTraceNode(domain, via, "", recordQueries, steps, SpfResult.NONE, why),
            Optional.empty(),
            why);
      }
      log = recordQueries;
      DnsAnswer txt = query(domain, Type.TXT);
      if (txt.isFailure()) {
        return error(
            domain,
            via,
            "",
            recordQueries,
            steps,
            new Abort(
                SpfResult.TEMPERROR,
                SpfCodes.LOOKUP_TIMEOUT,
                "the TXT lookup of " + domain + " failed: " + txt.status()));
      }
      List<String> spf = txt.txtJoined().stream().filter(SpfRecord::isSpf).toList();
      if (spf.isEmpty()) {
        String why =
            domain
                + " publishes no SPF record"
                + (txt.status() == DnsStatus.NXDOMAIN ? " (NXDOMAIN)" : "");
        return new Outcome(
            SpfResult.NONE,
            Optional.empty(),
            Optional.empty(),
            new SpfTraceNode(domain, via, "", recordQueries, steps, SpfResult.NONE, why),
            Optional.empty(),
            why);
      }
      if (spf.size() > 1) {
        return error(
            domain,
            via,
            String.join(" | ", spf),
            recordQueries,
            steps,
            new Abort(
                SpfResult.PERMERROR,
                SpfCodes.MULTIPLE,
                domain + " publishes " + spf.size() + " SPF records (§4.5)"));
      }
      String text = spf.get(0);
      SpfParser.Parse parse = SpfParser.parse(text);
      if (!parse.ok()) {
        SpfSyntaxError e = parse.error().orElseThrow();
        return error(
            domain,
            via,
            text,
            recordQueries,
            steps,
            new Abort(
                SpfResult.PERMERROR,
                e.macro() ? SpfCodes.MACRO_INVALID : SpfCodes.SYNTAX,
                "syntax error in the record of " + domain + " " + e));
      }
      SpfRecord record = parse.record().orElseThrow();
      stack.push(domain);
      try {
        SpfMacros.Context ctx = context(domain);
        for (SpfDirective d : record.directives()) {
          Step step = new Step(d.text());
          try {
            boolean match = matches(d, ctx, step);
            steps.add(step.done(match ? "match" : "no-match"));
            if (match) {
              SpfResult r = d.qualifier().result();
              Optional<String> exp =
                  r == SpfResult.FAIL && wantExplanation ? explain(record, ctx) : Optional.empty();
              return new Outcome(
                  r,
                  Optional.of(d.text()),
                  exp,
                  new SpfTraceNode(domain, via, text, recordQueries, steps, r, ""),
                  Optional.empty(),
                  "");
            }
          } catch (Abort a) {
            steps.add(step.done(a.result.id(), a.getMessage()));
            return error(domain, via, text, recordQueries, steps, a);
          }
        }
        Optional<SpfModifier> redirect = record.redirect();
        if (redirect.isPresent() && record.all().isEmpty()) {
          Step step = new Step(redirect.get().text());
          try {
            Outcome child = follow("redirect", redirect.get().value(), ctx, step, wantExplanation);
            if (child.result == SpfResult.NONE) {
              throw new Abort(
                  SpfResult.PERMERROR,
                  SpfCodes.REDIRECT_MISSING,
                  "redirect target " + child.node.domain() + " has no SPF record: " + child.reason);
            }
            if (child.problem.isPresent()) {
              throw new Abort(child.result, child.problem.get(), child.reason);
            }
            steps.add(step.done("match"));
            return new Outcome(
                child.result,
                child.mechanism,
                child.explanation,
                new SpfTraceNode(domain, via, text, recordQueries, steps, child.result, ""),
                Optional.empty(),
                "");
          } catch (Abort a) {
            steps.add(step.done(a.result.id(), a.getMessage()));
            return error(domain, via, text, recordQueries, steps, a);
          }
        }
        return new Outcome(
            SpfResult.NEUTRAL,
            Optional.empty(),
            Optional.empty(),
            new SpfTraceNode(
                domain,
                via,
                text,
                recordQueries,
                steps,
                SpfResult.NEUTRAL,
                "no mechanism matched (default result)"),
            Optional.empty(),
            "no mechanism matched");
      } finally {
        stack.pop();
      }
    }

    private Outcome error(
        String domain,
        String via,
        String text,
        List<String> rq,
        List<SpfTraceStep> steps,
        Abort a) {
      return new Outcome(
          a.result,
          Optional.empty(),
          Optional.empty(),
          new SpfTraceNode(domain, via, text, rq, steps, a.result, a.getMessage()),
          Optional.of(a.code),
          a.getMessage());
    }

    /** One term's trace under construction: its queries go to its own log. */
    private final class Step {
      final String term;
      final int lookups0 = lookups;
      final int voids0 = voids;
      final List<String> queries = new ArrayList<>();
      String target = "";
      SpfTraceNode child;

      Step(String term) {
        this.term = term;
        log = queries;
      }

      SpfTraceStep done(String outcome) {
        return done(outcome, "");
      }

      SpfTraceStep done(String outcome, String note) {
        return new SpfTraceStep(
            term,
            target,
            outcome,
            lookups - lookups0,
            voids - voids0,
            queries,
            note,
            Optional.ofNullable(child));
      }
    }

    private SpfMacros.Context context(String domain) {
      long now = options.clock().instant().getEpochSecond();
      SpfMacros.Context[] self = new SpfMacros.Context[1];
      self[0] =
          new SpfMacros.Context(
              req.sender(),
              domain,
              req.ip(),
              req.helo(),
              options.receiver(),
              now,
              () -> validatedName(self[0].domain()).orElse("unknown"));
      return self[0];
    }

    private boolean matches(SpfDirective d, SpfMacros.Context ctx, Step step) {
      if (d.mechanism().queriesDns()) {
        countLookup(d.text());
      }
      InetAddress ip = req.ip();
      switch (d.mechanism()) {
        case ALL:
          return true;
        case IP4:
        case IP6:
          {
            Cidr net = d.network().orElseThrow();
            step.target = net.toString();
            return net.contains(ip);
          }
        case INCLUDE:
          {
            Outcome child = follow("include", d.domain().orElseThrow(), ctx, step, false);
            switch (child.result) {
              case PASS:
                return true;
              case FAIL:
              case SOFTFAIL:
              case NEUTRAL:
                return false;
              case NONE:
                throw new Abort(
                    SpfResult.PERMERROR,
                    SpfCodes.INCLUDE_MISSING,
                    "include target "
                        + child.node.domain()
                        + " has no SPF record: "
                        + child.reason);
              default:
                throw new Abort(child.result, child.problem.orElse(SpfCodes.SYNTAX), child.reason);
            }
          }
        case A:
          {
            String target = target(d, ctx, step);
            return addressMatch(target, d, true);
          }
        case MX:
          {
            String target = target(d, ctx, step);
            DnsAnswer mx = query(target, Type.MX);
            checkVoidOrFailure(mx, d);
            List<MXRecord> records = mx.mx();
            if (records.size() > limits.mxNames()) {
              throw new Abort(
                  SpfResult.PERMERROR,
                  SpfCodes.TOO_MANY_LOOKUPS,
                  "'"
                      + d.text()
                      + "': "
                      + target
                      + " has "
                      + records.size()
                      + " MX records; at most "
                      + limits.mxNames()
                      + " may be looked up (§4.6.4)");
            }
            for (MXRecord r : records) {
              String host = SpfDomains.normalize(r.getTarget().toString());
              if (!host.isEmpty() && addressMatch(host, d, false)) {
                return true;
              }
            }
            return false;
          }
        case PTR:
          {
            String target = target(d, ctx, step);
            for (String name : validatedNames()) {
              if (name.equals(target) || name.endsWith("." + target)) {
                return true;
              }
            }
            return false;
          }
        case EXISTS:
          {
            String target = target(d, ctx, step);
            DnsAnswer a = query(target, Type.A);
            checkVoidOrFailure(a, d);
            return a.hasRecords();
          }
        default:
          throw new IllegalStateException(d.mechanism().toString());
      }
    }

    /** Evaluates an include or redirect target, guarding against loops. */
    private Outcome follow(
        String via, SpfMacroString spec, SpfMacros.Context ctx, Step step, boolean wantExp) {
      if (via.equals("redirect")) {
        countLookup(step.term);
      }
      String target = SpfDomains.truncate(SpfMacros.expand(spec, ctx));
      step.target = target;
      String normalized = SpfDomains.normalize(target);
      if (stack.contains(normalized)) {
        throw new Abort(
            SpfResult.PERMERROR,
            SpfCodes.REDIRECT_LOOP,
            "'"
                + step.term
                + "' leads back to "
                + normalized
                + ", which is already being evaluated: "
                + String.join(" <- ", stack));
      }
      List<String> saved = log;
      Outcome child = evaluate(target, via, wantExp);
      log = saved;
      step.child = child.node;
      return child;
    }

    private String target(SpfDirective d, SpfMacros.Context ctx, Step step) {
      String t =
          d.domain().map(s -> SpfDomains.truncate(SpfMacros.expand(s, ctx))).orElse(ctx.domain());
      step.target = SpfDomains.normalize(t);
      return step.target;
    }

    private boolean addressMatch(String host, SpfDirective d, boolean countVoid) {
      boolean v4 = req.ip() instanceof Inet4Address;
      DnsAnswer a = query(host, v4 ? Type.A : Type.AAAA);
      if (countVoid) {
        checkVoidOrFailure(a, d);
      } else if (a.isFailure()) {
        throw new Abort(
            SpfResult.TEMPERROR,
            SpfCodes.LOOKUP_TIMEOUT,
            "'" + d.text() + "': the address lookup of " + host + " failed: " + a.status());
      }
      int prefix = v4 ? d.ip4Prefix() : d.ip6Prefix();
      for (InetAddress addr : a.addresses()) {
        if ((addr instanceof Inet4Address) == v4 && new Cidr(addr, prefix).contains(req.ip())) {
          return true;
        }
      }
      return false;
    }

    private void checkVoidOrFailure(DnsAnswer a, SpfDirective d) {
      if (a.isFailure()) {
        throw new Abort(
            SpfResult.TEMPERROR,
            SpfCodes.LOOKUP_TIMEOUT,
            "'"
                + d.text()
                + "': the "
                + a.typeName()
                + " lookup of "
                + a.name()
                + " failed: "
                + a.status());
      }
      if (!a.hasRecords()) {
        voids++;
        if (voids > limits.voidLookups()) {
          throw new Abort(
              SpfResult.PERMERROR,
              SpfCodes.VOID_LOOKUPS,
              "'"
                  + d.text()
                  + "': void lookup number "
                  + voids
                  + " ("
                  + a.name()
                  + " "
                  + a.typeName()
                  + " "
                  + a.status()
                  + "); the limit is "
                  + limits.voidLookups()
                  + " (§4.6.4)");
        }
      }
    }

    private void countLookup(String term) {
      lookups++;
      if (lookups > limits.dnsTerms()) {
        throw new Abort(
            SpfResult.PERMERROR,
            SpfCodes.TOO_MANY_LOOKUPS,
            "'"
                + term
                + "' is DNS-querying term number "
                + lookups
                + "; the limit is "
                + limits.dnsTerms()
                + " (§4.6.4)");
      }
    }

    /**
     * The client's PTR names that resolve back to it (§5.5), at most the limit; errors skip a name.
     */
    private List<String> validatedNames() {
      DnsAnswer ptr = query(Addresses.reverseName(req.ip()), Type.PTR);
      if (ptr.isFailure()) {
        return List.of();
      }
      if (!ptr.hasRecords()) {
        voids++;
        if (voids > limits.voidLookups()) {
          throw new Abort(
              SpfResult.PERMERROR,
              SpfCodes.VOID_LOOKUPS,
              "void lookup number "
                  + voids
                  + " ("
                  + ptr.name()
                  + " PTR "
                  + ptr.status()
                  + "); the limit is "
                  + limits.voidLookups()
                  + " (§4.6.4)");
        }
      }
      List<String> names = ptr.ptrNames();
      List<String> out = new ArrayList<>();
      boolean v4 = req.ip() instanceof Inet4Address;
      for (String name : names.subList(0, Math.min(names.size(), limits.ptrNames()))) {
        DnsAnswer a = query(name, v4 ? Type.A : Type.AAAA);
        if (a.addresses().stream().anyMatch(x -> x.equals(req.ip()))) {
          out.add(name);
        }
      }
      return out;
    }

    private Optional<String> validatedName(String domain) {
      List<String> saved = log;
      List<String> names;
      try {
        names = validatedNames();
      } catch (Abort a) {
        return Optional.empty();
      } finally {
        log = saved;
      }
      return names.stream()
          .filter(n -> n.equals(domain))
          .findFirst()
          .or(() -> names.stream().filter(n -> n.endsWith("." + domain)).findFirst())
          .or(() -> names.stream().findFirst());
    }

    /** The exp= explanation (§6.2), or the default when it cannot be had. */
    private Optional<String> explain(SpfRecord record, SpfMacros.Context ctx) {
      Optional<SpfModifier> exp = record.exp();
      if (exp.isEmpty()) {
        return options.defaultExplanation();
      }
      String target = SpfDomains.truncate(SpfMacros.expand(exp.get().value(), ctx));
      if (!SpfDomains.valid(SpfDomains.normalize(target))) {
        return options.defaultExplanation();
      }
      DnsAnswer txt = query(target, Type.TXT);
      List<String> texts = txt.txtJoined();
      if (txt.status() != DnsStatus.NOERROR || texts.size() != 1) {
        return options.defaultExplanation();
      }
      SpfMacroString.Result parsed = SpfMacroString.parse(texts.get(0), 0, "", true);
      if (parsed.error().isPresent()) {
        return options.defaultExplanation();
      }
      return Optional.of(SpfMacros.expand(parsed.value().orElseThrow(), ctx));
    }

    private DnsAnswer query(String name, int type) {
      DnsAnswer a = dns.query(name, type);
      log.add(SpfDomains.describe(a));
      return a;
    }
  }
}
