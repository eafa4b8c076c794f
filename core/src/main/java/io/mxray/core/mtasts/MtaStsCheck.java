package io.mxray.core.mtasts;

import io.mxray.core.audit.Check;
import io.mxray.core.audit.CheckContext;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dane.Tlsa;
import io.mxray.core.dane.TlsaMatcher;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsCodes;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.http.HttpsResult;
import io.mxray.core.mx.MxHost;
import io.mxray.core.mx.MxSet;
import io.mxray.core.probe.MxTls;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.TlsReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * MTA-STS (RFC 8461): the TXT record, the policy fetched over validated HTTPS through the {@link
 * io.mxray.core.http.HttpsFetcher} port, and whether every MX host matches the policy.
 */
public final class MtaStsCheck implements Check {

  public static final CheckId ID = CheckId.of("mta-sts");

  /** At most this many MX hosts are probed for their live certificate. */
  static final int MAX_PROBED = 4;

  @Override
  public CheckId id() {
    return ID;
  }

  @Override
  public String title() {
    return "MTA-STS policy";
  }

  /** DNS through the context only (probes and fetches go through its ports): safe to replay. */
  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String domain = ctx.domain();
    String txtName = "_mta-sts." + domain;
    CheckResult.Builder out = CheckResult.builder(ID, title());
    DnsAnswer txt = ctx.dns().query(txtName, Type.TXT);
    if (txt.isFailure()) {
      return out.add(DnsCodes.failure(txt, "the MTA-STS record")).build();
    }
    List<String> records = txt.txtJoined().stream().filter(MtaStsTxt::isMtaSts).toList();
    String example =
        "Publish a policy at https://mta-sts."
            + domain
            + "/.well-known/mta-sts.txt:\n"
            + "version: STSv1\nmode: testing\nmx: <each MX host>\nmax_age: 604800\n"
            + "then announce it:\n"
            + txtName
            + ". IN TXT \"v=STSv1; id="
            + ctx.clock().instant().getEpochSecond()
            + "\"";
    if (records.isEmpty()) {
      return out.add(
              Finding.of(
                      MtaStsCodes.MISSING,
                      domain,
                      domain
                          + " publishes no MTA-STS record, so senders cannot tell that its MX hosts always offer"
                          + " valid TLS; an attacker on the path can strip STARTTLS.")
                  .withRemediation(example))
          .build();
    }
    if (records.size() > 1) {
      return out.add(
              Finding.of(
                      MtaStsCodes.TXT_INVALID,
                      txtName,
                      txtName
                          + " has "
                          + records.size()
                          + " v=STSv1 records; RFC 8461 §3.1 says senders then assume there"
                          + " is no policy.")
                  .withRemediation(
                      "Keep exactly one: " + txtName + ". IN TXT \"v=STSv1; id=<new id>\"")
                  .withEvidence(records))
          .build();
    }
    MtaStsTxt t = MtaStsTxt.parse(records.get(0));
    out.fact("txt", records.get(0));
    if (!t.valid()) {
      return out.add(
              Finding.of(
                      MtaStsCodes.TXT_INVALID,
                      txtName,
                      "The MTA-STS record at "
                          + txtName
                          + " is invalid: "
                          + t.error()
                          + ". Senders ignore the policy.")
                  .withRemediation(
                      txtName
                          + ". IN TXT \"v=STSv1; id="
                          + ctx.clock().instant().getEpochSecond()
                          + "\"")
                  .withEvidence(records.get(0)))
          .build();
    }
    out.fact("id", t.id());
    String url = PolicyFetcher.policyUri(domain).toString();
    out.fact("policyUrl", url);
    HttpsResult r = PolicyFetcher.fetch(ctx.https(), domain);
    if (r.outcome() != HttpsResult.Outcome.OK || r.status() != 200 || r.truncated()) {
      unreachable(domain, url, r, out);
      return out.build();
    }
    List<String> type = r.headers().getOrDefault("content-type", List.of());
    if (type.isEmpty()
        || !type.get(0).toLowerCase(java.util.Locale.ROOT).startsWith("text/plain")) {
      out.add(
          Finding.of(
                  MtaStsCodes.CONTENT_TYPE,
                  url,
                  "The policy is served as '"
                      + (type.isEmpty() ? "no content type" : type.get(0))
                      + "'; RFC 8461 §3.2 requires text/plain and some senders reject anything else.")
              .withRemediation("Serve " + url + " with Content-Type: text/plain."));
    }
    String body = new String(r.body(), StandardCharsets.UTF_8);
    MtaStsPolicy policy = MtaStsPolicy.parse(body);
    Map<String, Object> pf = new LinkedHashMap<>();
    pf.put("mode", policy.mode().id());
    pf.put("maxAge", policy.maxAgeSeconds());
    pf.put("mx", policy.mx());
    out.fact("policy", pf);
    if (!policy.valid()) {
      return out.add(
              Finding.of(
                      MtaStsCodes.POLICY_INVALID,
                      url,
                      "The MTA-STS policy at "
                          + url
                          + " is invalid: "
                          + String.join("; ", policy.errors())
                          + ". Senders treat the domain as having no policy.")
                  .withRemediation(example)
                  .withEvidence(body.lines().limit(20).toList()))
          .build();
    }
    if (policy.mode() != MtaStsPolicy.Mode.ENFORCE) {
      out.add(
          Finding.of(
                  MtaStsCodes.TESTING_MODE,
                  url,
                  "The policy mode is "
                      + policy.mode().id()
                      + ": senders "
                      + (policy.mode() == MtaStsPolicy.Mode.NONE
                          ? "ignore the policy (it is being withdrawn)."
                          : "report TLS failures (with TLS-RPT) but still deliver without valid TLS."))
              .withRemediation(
                  "When TLS-RPT reports show no failures, switch to mode: enforce and change the id= in "
                      + txtName
                      + "."));
    }
    if (policy.maxAgeSeconds() < 86400) {
      out.add(
          Finding.of(
                  MtaStsCodes.MAX_AGE_SHORT,
                  url,
                  "max_age is "
                      + policy.maxAgeSeconds()
                      + " seconds; senders forget the policy after that, which"
                      + " shortens the protection against downgrade.")
              .withRemediation("Use max_age: 604800 (a week) or more once the policy is stable."));
    }
    if (policy.mode() != MtaStsPolicy.Mode.NONE) {
      coverage(ctx, domain, policy, url, out);
    }
    if (policy.mode() == MtaStsPolicy.Mode.ENFORCE
        && out.worst() != Severity.FAIL
        && out.worst() != Severity.WARN
        && out.worst() != Severity.INCONCLUSIVE) {
      out.add(
          Finding.of(
              MtaStsCodes.OK, domain, "MTA-STS enforces TLS for every MX host of " + domain + "."));
    }
    return out.build();
  }

  private static void unreachable(
      String domain, String url, HttpsResult r, CheckResult.Builder out) {
    String why =
        switch (r.outcome()) {
          case OK ->
              r.truncated()
                  ? "the body exceeds " + MtaStsPolicy.MAX_BYTES + " bytes"
                  : "the server answered HTTP "
                      + r.status()
                      + (r.status() / 100 == 3 ? " (redirects are not followed)" : "");
          case TLS_FAILED ->
              "the TLS handshake or certificate validation failed (" + r.detail() + ")";
          case TIMEOUT -> "no answer in time (" + r.detail() + ")";
          case CONNECT_FAILED -> "the connection failed (" + r.detail() + ")";
          default -> r.detail();
        };
    boolean unknown = r.outcome() == HttpsResult.Outcome.TIMEOUT;
    out.add(
        Finding.of(
                MtaStsCodes.POLICY_UNREACHABLE,
                url,
                "The MTA-STS policy at "
                    + url
                    + " could not be fetched: "
                    + why
                    + "."
                    + (unknown
                        ? " Whether it is reachable for senders is unknown."
                        : " Senders treat the domain as having"
                            + " no policy (or keep a stale cached one)."))
            .withSeverity(unknown ? Severity.INCONCLUSIVE : Severity.FAIL)
            .withRemediation(
                "Serve the policy at "
                    + url
                    + " with HTTP 200, no redirect, and a certificate valid for mta-sts."
                    + domain
                    + " from a public CA."));
  }

  private static void coverage(
      CheckContext ctx, String domain, MtaStsPolicy policy, String url, CheckResult.Builder out) {
    MxSet mx = MxSet.resolve(ctx.dns(), domain);
    if (mx.answer().isFailure()) {
      out.add(DnsCodes.failure(mx.answer(), "the MX records of " + domain));
      return;
    }
    List<Map<String, Object>> live = new ArrayList<>();
    for (MxHost h : mx.hosts()) {
      if (policy.covers(h.host()) && ctx.request().probe() && live.size() < MAX_PROBED) {
        MxTls.probe(ctx, h.host())
            .ifPresent(r -> live.add(liveCertificate(ctx, domain, policy, url, h.host(), r, out)));
      }
      if (!policy.covers(h.host())) {
        boolean enforce = policy.mode() == MtaStsPolicy.Mode.ENFORCE;
        out.add(
            Finding.of(
                    MtaStsCodes.MX_NOT_COVERED,
                    h.host(),
                    "MX host "
                        + h.host()
                        + " matches none of the policy's mx patterns ("
                        + String.join(", ", policy.mx())
                        + "); "
                        + (enforce
                            ? "senders that enforce MTA-STS will not deliver to it."
                            : "in enforce mode senders would refuse it."))
                .withSeverity(enforce ? Severity.FAIL : Severity.WARN)
                .withRemediation(
                    "Add a line to "
                        + url
                        + ":\nmx: "
                        + h.host()
                        + "\nand change the id= in _mta-sts."
                        + domain
                        + "."));
      }
    }
    if (!live.isEmpty()) {
      out.fact("liveCertificates", live);
    }
  }

  /**
   * What an MTA-STS sender would see at a covered MX (RFC 8461 §4.2): STARTTLS, and a certificate
   * that is PKIX-valid for the MX name. Also whether DANE agrees (TLSA present but not matching the
   * chain).
   */
  private static Map<String, Object> liveCertificate(
      CheckContext ctx,
      String domain,
      MtaStsPolicy policy,
      String url,
      String host,
      ProbeResult r,
      CheckResult.Builder out) {
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("host", host);
    fact.put("reachable", r.reachable());
    boolean enforce = policy.mode() == MtaStsPolicy.Mode.ENFORCE;
    Severity sev = enforce ? Severity.FAIL : Severity.WARN;
    if (!r.reachable()) {
      return fact; // the smtp check reports unreachable servers; nothing to say about the
      // certificate
    }
    Optional<TlsReport> tls = r.tls();
    String consequence =
        enforce
            ? "senders that enforce MTA-STS will not deliver to it."
            : "once the policy is in enforce mode, senders will not deliver to it.";
    if (tls.isEmpty() || !tls.get().established()) {
      String why =
          tls.isEmpty()
              ? "does not offer STARTTLS"
              : "fails the TLS handshake (" + tls.get().failure() + ")";
      if (tls.isPresent() && tls.get().timedOut()) {
        return fact;
      }
      out.add(
          Finding.of(
                  MtaStsCodes.CERT_INVALID,
                  host,
                  "MX host " + host + " " + why + "; " + consequence)
              .withSeverity(sev)
              .withRemediation(
                  "Enable STARTTLS on "
                      + host
                      + " with a certificate from a public CA valid for "
                      + host
                      + "."));
      fact.put("valid", false);
      return fact;
    }
    TlsReport t = tls.get();
    fact.put("valid", t.trusted() && t.hostnameMatch());
    if (!t.trusted() || !t.hostnameMatch()) {
      List<String> problems = new ArrayList<>();
      if (!t.trusted()) {
        problems.add(t.trustProblem().isEmpty() ? "the chain does not validate" : t.trustProblem());
      }
      if (!t.hostnameMatch()) {
        problems.add("the certificate is not valid for the name " + host);
      }
      out.add(
          Finding.of(
                  MtaStsCodes.CERT_INVALID,
                  host,
                  "MX host "
                      + host
                      + " presents a certificate that an MTA-STS"
                      + " sender rejects: "
                      + String.join("; ", problems)
                      + "; "
                      + consequence)
              .withSeverity(sev)
              .withRemediation(
                  "Install a certificate from a public CA whose names include "
                      + host
                      + " (with its intermediates) on the server's port 25.")
              .withEvidence(
                  t.chain().isEmpty()
                      ? List.of()
                      : List.of(
                          "subject: " + t.chain().get(0).subject(),
                          "issuer: " + t.chain().get(0).issuer(),
                          "names: " + String.join(", ", t.chain().get(0).dnsNames()))));
      return fact;
    }
    DnsAnswer tlsa = ctx.dns().query("_25._tcp." + host, Type.TLSA);
    List<Tlsa> usable =
        tlsa.records().stream()
            .filter(x -> x instanceof TLSARecord)
            .map(x -> Tlsa.of((TLSARecord) x))
            .filter(Tlsa::usableForSmtp)
            .toList();
    if (!usable.isEmpty() && !tlsa.authenticated()) {
      // DANE senders use TLSA records only when DNSSEC-secure (RFC 7672 §2.2); whether these are is
      // the dane
      // check's call (it can validate), so no disagreement is claimed from an unauthenticated
      // answer.
      fact.put(
          "daneAgrees",
          "unknown: the resolver did not mark the TLSA records DNSSEC-secure (see the dane check)");
    } else if (!usable.isEmpty()
        && usable.stream().noneMatch(x -> TlsaMatcher.match(x, t.certificates()).isPresent())) {
      out.add(
          Finding.of(
                  MtaStsCodes.DANE_DISAGREES,
                  host,
                  "MX host "
                      + host
                      + " satisfies MTA-STS, but none of its"
                      + " TLSA records matches the certificate it presents: DANE senders, which take precedence over"
                      + " MTA-STS, will refuse to deliver.")
              .withRemediation(
                  "Publish a TLSA record for the certificate in use:\n_25._tcp."
                      + host
                      + ". IN TLSA "
                      + TlsaMatcher.recommendedRecord(t.certificates().get(0))));
      fact.put("daneAgrees", false);
    } else if (!usable.isEmpty()) {
      fact.put("daneAgrees", true);
    }
    return fact;
  }
}
