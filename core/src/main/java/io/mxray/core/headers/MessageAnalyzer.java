package io.mxray.core.headers;

import io.mxray.core.arc.ArcCodes;
import io.mxray.core.arc.ArcResult;
import io.mxray.core.arc.ArcVerifier;
import io.mxray.core.dkim.DkimSignatureResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.dkim.DkimVerifier;
import io.mxray.core.dkim.DkimVerifierCodes;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.DmarcPolicySource.DmarcPolicy;
import io.mxray.core.headers.MessageAnalysis.ArcReport;
import io.mxray.core.headers.MessageAnalysis.DkimReport;
import io.mxray.core.headers.MessageAnalysis.DmarcReport;
import io.mxray.core.headers.MessageAnalysis.SpfReport;
import io.mxray.core.headers.SpfVerifier.SpfVerdict;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.MailDate;
import io.mxray.core.message.Message;
import io.mxray.core.net.Addresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Analyses one message: parses the Received chain and identity headers, verifies DKIM and ARC, asks
 * the SPF and DMARC ports, decodes spam-filter headers and runs the bulk-sender checklist. All I/O
 * goes through the DNS port (absent = offline: nothing is verified, and the result says so). Never
 * throws for bad input.
 */
public final class MessageAnalyzer {

  /** A hop slower than this is reported. */
  public static final Duration SLOW_HOP = Duration.ofMinutes(5);

  /** A Date header further than this from the first Received time is reported. */
  public static final Duration DATE_SKEW = Duration.ofHours(1);

  /** RFC 5321 §6.3: more Received headers than this suggests a loop. */
  public static final int LOOP_HOPS = 100;

  /**
   * Wall-time budget for all DNS questions of one analysis (each also has the resolver's timeout).
   */
  public static final Duration DNS_BUDGET = Duration.ofSeconds(30);

  /** Most DNS questions one analysis asks (keys of 10 DKIM signatures and 50 ARC sets, PTR, A). */
  public static final int MAX_DNS_QUERIES = 64;

  private final Optional<DnsClient> dns;
  private final Clock clock;
  private final SpfVerifier spf;
  private final DmarcPolicySource dmarc;

  public MessageAnalyzer(
      Optional<DnsClient> dns, Clock clock, SpfVerifier spf, DmarcPolicySource dmarc) {
    this.dns = Objects.requireNonNull(dns, "dns");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.spf = Objects.requireNonNull(spf, "spf");
    this.dmarc = Objects.requireNonNull(dmarc, "dmarc");
  }

  /** Parsing only: no DNS, nothing verified. */
  public static MessageAnalyzer offline(Clock clock) {
    return new MessageAnalyzer(
        Optional.empty(), clock, SpfVerifier.NOT_WIRED, DmarcPolicySource.NOT_WIRED);
  }

  public MessageAnalysis analyze(Message m) {
    Optional<DnsClient> budgeted = dns.map(d -> new DnsBudget(d, DNS_BUDGET, MAX_DNS_QUERIES));
    return new MessageAnalyzer(budgeted, clock, spf, dmarc).run(m);
  }

  private MessageAnalysis run(Message m) {
    List<Finding> findings = new ArrayList<>();
    inputFindings(m, findings);
    Identity id = Identity.of(m);
    ReceivedChain chain =
        ReceivedChain.of(m.all("Received").stream().map(HeaderField::decoded).toList());
    chainFindings(m, chain, findings);
    identityFindings(id, chain, findings);

    List<AuthResults> ars =
        m.all("Authentication-Results").stream().map(f -> AuthResults.parse(f.value())).toList();
    Optional<ReceivedSpf> rspf = m.first("Received-SPF").map(f -> ReceivedSpf.parse(f.decoded()));

    DkimReport dkim = dkim(m, findings);
    SpfReport spfReport = spf(chain, id, ars, rspf, findings);
    DmarcReport dmarcReport = dmarc(id, dkim, spfReport, ars, findings);
    ArcReport arc = arc(m, ars, findings);
    receiverFindings(ars, findings);
    List<Antispam.Report> antispam = Antispam.decode(m);
    antispamFindings(antispam, findings);
    List<ChecklistItem> checklist =
        SenderChecklist.evaluate(m, id, chain, dkim, spfReport, dmarcReport, dns);
    checklistFindings(checklist, looksBulk(m, antispam), findings);
    MimeStructure.Result mime = MimeStructure.of(m);
    return new MessageAnalysis(
        m,
        id,
        chain,
        ars,
        rspf,
        dkim,
        spfReport,
        dmarcReport,
        arc,
        antispam,
        checklist,
        mime,
        findings);
  }

  private static void inputFindings(Message m, List<Finding> out) {
    boolean binary =
        m.problems().stream().anyMatch(p -> p.kind() == Message.ParseProblem.Kind.BINARY);
    if (binary) {
      out.add(
          Finding.of(
              HeadersCodes.BINARY,
              "",
              "The input contains control characters and NUL bytes, not mail headers."));
    } else if (m.fields().isEmpty()) {
      out.add(
          Finding.of(
              HeadersCodes.NONE,
              "",
              "No header fields (Name: value lines) were found in the input."));
    }
    if (m.truncated()) {
      out.add(
          Finding.of(
              HeadersCodes.TRUNCATED,
              "",
              "The input is "
                  + m.inputBytes()
                  + " bytes; only the first "
                  + HeaderParser.MAX_INPUT_BYTES
                  + " were analysed. DKIM body hashes cannot be checked."));
    }
    List<String> skipped = new ArrayList<>();
    List<String> badWords = new ArrayList<>();
    List<String> raw8 = new ArrayList<>();
    for (Message.ParseProblem p : m.problems()) {
      switch (p.kind()) {
        case TOO_MANY_FIELDS ->
            out.add(
                Finding.of(
                    HeadersCodes.TOO_MANY_FIELDS,
                    "",
                    "Only the first " + HeaderParser.MAX_FIELDS + " header fields were analysed."));
        case NO_COLON, BAD_FIELD_NAME, LEADING_CONTINUATION ->
            skipped.add("line " + p.line() + ": " + p.text());
        case INVALID_ENCODED_WORD -> badWords.add(p.text());
        case RAW_8BIT -> raw8.add(p.text());
        default -> {}
      }
    }
    if (!skipped.isEmpty()) {
      out.add(
          Finding.of(
                  HeadersCodes.UNPARSED_LINES,
                  "",
                  skipped.size()
                      + " line(s) in the header section are not"
                      + " header fields and were skipped.")
              .withEvidence(skipped.subList(0, Math.min(5, skipped.size()))));
    }
    if (!badWords.isEmpty()) {
      out.add(
          Finding.of(
              HeadersCodes.INVALID_ENCODED_WORD,
              String.join(", ", distinct(badWords)),
              "Encoded words in these headers could not be decoded and are shown as written."));
    }
    if (!raw8.isEmpty()) {
      out.add(
          Finding.of(
              HeadersCodes.RAW_8BIT,
              String.join(", ", distinct(raw8)),
              "These headers carry raw 8-bit text; it was read as UTF-8 (or Windows-1252 when not valid UTF-8)."));
    }
  }

  private static List<String> distinct(List<String> l) {
    return l.stream().distinct().limit(10).toList();
  }

  private static void chainFindings(Message m, ReceivedChain chain, List<Finding> out) {
    if (m.fields().isEmpty()) {
      return;
    }
    if (chain.hops().isEmpty()) {
      out.add(Finding.of(HeadersCodes.NO_RECEIVED, "", "The message has no Received headers."));
      return;
    }
    int total = chain.hops().size() + chain.skipped();
    if (total > LOOP_HOPS || chain.skipped() > 0) {
      out.add(
          Finding.of(
              HeadersCodes.TOO_MANY_HOPS,
              "",
              "The message has "
                  + total
                  + " Received headers"
                  + (chain.skipped() > 0
                      ? "; only the newest " + ReceivedChain.MAX_HOPS + " were analysed."
                      : ".")));
    }
    int unreadable = 0;
    for (Hop h : chain.hops()) {
      Received r = h.received();
      if (r.from().isEmpty() && r.by().isEmpty() && r.date().isEmpty()) {
        unreadable++;
      }
      if (h.skew().isPresent()) {
        out.add(skewFinding(chain, h));
      } else if (h.effectiveDelayMillis().isPresent()
          && h.effectiveDelayMillis().getAsLong() >= SLOW_HOP.toMillis()) {
        out.add(
            Finding.of(
                    HeadersCodes.SLOW_HOP,
                    "hop " + h.index(),
                    "Hop "
                        + h.index()
                        + " ("
                        + host(r)
                        + ") took "
                        + human(h.effectiveDelayMillis().getAsLong())
                        + String.format(
                            Locale.ROOT, " (%.0f%% of the total delay).", h.sharePercent()))
                .withEvidence(r.raw()));
      }
    }
    if (unreadable > 0) {
      out.add(
          Finding.of(
              HeadersCodes.RECEIVED_UNREADABLE,
              "",
              unreadable + " Received header(s) could not be read."));
    }
    if (chain.originIp().isPresent()) {
      Hop origin = chain.hops().get(chain.originHop() - 1);
      out.add(
          Finding.of(
                  HeadersCodes.ORIGIN_IP,
                  chain.originIp().get(),
                  "The message entered at hop "
                      + origin.index()
                      + " from "
                      + chain.originIp().get()
                      + (origin.received().rdns().isEmpty()
                          ? ""
                          : " (" + origin.received().rdns() + ")")
                      + " to "
                      + origin.received().byHost()
                      + (origin.boundary() == Hop.Boundary.ORIGIN_SAME_PROVIDER
                          ? "; every hop is inside one provider, so this is the first public"
                              + " address counting from the receiver"
                          : "")
                      + (origin.received().authenticated()
                          ? "; the sender authenticated there (a submission)"
                          : "")
                      + ".")
              .withEvidence(originEvidence(chain)));
      for (Hop h : chain.hops()) {
        if (h.index() >= chain.originHop()
            && !h.internal()
            && h.received().tls() == Received.Tls.NO
            && ReceivedChain.external(h.received().ip())) {
          out.add(
              Finding.of(
                      HeadersCodes.HOP_WITHOUT_TLS,
                      "hop " + h.index(),
                      "Hop "
                          + h.index()
                          + " from "
                          + h.received().ip()
                          + " to "
                          + h.received().byHost()
                          + " used "
                          + h.received().protocol()
                          + " without TLS.")
                  .withEvidence(h.received().raw()));
        }
      }
    } else {
      Optional<Hop> blind =
          chain.hops().stream()
              .filter(h -> h.boundary() == Hop.Boundary.BOUNDARY_WITHOUT_ADDRESS)
              .reduce((a, b) -> b);
      out.add(
          Finding.of(
                  HeadersCodes.NO_ORIGIN_IP,
                  "",
                  blind.isPresent()
                      ? "Hop "
                          + blind.get().index()
                          + " came from "
                          + blind.get().received().helo()
                          + " outside the receiver's systems but its address was not recorded;"
                          + " older Received headers were written by the sender and are not"
                          + " taken as the origin."
                      : "No Received header records a public sending address.")
              .withEvidence(originEvidence(chain)));
    }
  }

  /** One line per hop saying on which side of the receiver's trust boundary it stands and why. */
  private static List<String> originEvidence(ReceivedChain chain) {
    List<String> ev = new ArrayList<>();
    for (int i = chain.hops().size() - 1; i >= 0 && ev.size() < 12; i--) {
      Hop h = chain.hops().get(i);
      Received r = h.received();
      String who =
          r.ip().isEmpty()
              ? (r.helo().isEmpty() ? "no sender recorded" : r.helo())
              : r.ip() + (r.rdns().isEmpty() ? "" : " (" + r.rdns() + ")");
      ev.add("hop " + h.index() + ": " + h.boundary().id() + " — " + who);
    }
    return ev;
  }

  private static Finding skewFinding(ReceivedChain chain, Hop h) {
    Hop.ClockSkew s = h.skew().get();
    Received r = h.received();
    String off = human(s.millis());
    String whose;
    if (s.suspectHop() > 0) {
      Hop suspect = chain.hops().get(s.suspectHop() - 1);
      whose =
          "the clock of "
              + host(suspect.received())
              + " (hop "
              + suspect.index()
              + ") runs "
              + off
              + (s.ahead() ? " ahead of" : " behind")
              + " its neighbours";
    } else {
      whose =
          "the clocks of hop "
              + (h.index() - 1)
              + " and hop "
              + h.index()
              + " ("
              + host(r)
              + ") disagree by "
              + off
              + " and the header does not tell which one is wrong";
    }
    String kind =
        s.kind() == Hop.ClockSkew.Kind.TIME_ZONE
            ? " — a whole number of half-hours: most likely a server writes local time with the"
                + " wrong zone offset"
            : "";
    return Finding.of(
            HeadersCodes.NEGATIVE_DELAY,
            "hop " + h.index(),
            "Hop "
                + h.index()
                + " is out of line with its neighbours: "
                + whose
                + kind
                + ". Its gap is not counted as delay.")
        .withEvidence(r.raw());
  }

  private static String host(Received r) {
    return r.byHost().isEmpty() ? "unknown host" : r.byHost();
  }

  /** A duration as the hop table shows it ("5 h 10 m"); see {@link Durations#compact}. */
  public static String human(long millis) {
    return Durations.compact(millis);
  }

  private static void identityFindings(Identity id, ReceivedChain chain, List<Finding> out) {
    if (id.fromCount() == 0 && id.dateText().isEmpty() && id.messageIds().isEmpty()) {
      return; // a paste of Received lines only: nothing to say about identity headers
    }
    if (id.fromCount() != 1 || id.fromAddresses().size() != 1) {
      out.add(
          Finding.of(
              HeadersCodes.FROM_INVALID,
              "",
              "The message has "
                  + id.fromCount()
                  + " From header(s) with "
                  + id.fromAddresses().size()
                  + " address(es); DMARC needs exactly one of each."));
    }
    if (id.messageIds().isEmpty()) {
      out.add(
          Finding.of(HeadersCodes.MESSAGE_ID_MISSING, "", "The message has no Message-ID.")
              .withRemediation(
                  "Have the sending application or submission server add Message-ID: <unique@your-domain>."));
    } else if (!id.messageIdValid()) {
      out.add(
          Finding.of(
              HeadersCodes.MESSAGE_ID_INVALID,
              String.join(" ", id.messageIds()),
              "Message-ID must appear once and look like <unique@domain>."));
    }
    if (id.dateText().isEmpty()) {
      out.add(Finding.of(HeadersCodes.DATE_MISSING, "", "The message has no Date header."));
    } else {
      Optional<Instant> date = MailDate.parse(id.dateText(), true);
      if (date.isEmpty()) {
        out.add(
            Finding.of(
                HeadersCodes.DATE_INVALID, id.dateText(), "The Date header cannot be read."));
      } else {
        Optional<Instant> first =
            chain.hops().stream()
                .map(h -> h.received().date())
                .flatMap(Optional::stream)
                .findFirst();
        if (first.isPresent()) {
          Duration skew = Duration.between(first.get(), date.get());
          if (skew.abs().compareTo(DATE_SKEW) > 0) {
            out.add(
                Finding.of(
                    HeadersCodes.DATE_SKEW,
                    id.dateText(),
                    "The Date header is "
                        + human(Math.abs(skew.toMillis()))
                        + (skew.isNegative() ? " before" : " after")
                        + " the first Received time."));
          }
        }
      }
    }
  }

  private DkimReport dkim(Message m, List<Finding> out) {
    List<HeaderField> sigs = m.all("DKIM-Signature");
    if (dns.isEmpty()) {
      List<DkimSignatureVerification> list = new ArrayList<>();
      for (HeaderField f : sigs) {
        var sig = io.mxray.core.dkim.DkimSignature.parse(f.value());
        String[] ds = io.mxray.core.dkim.DkimSignature.domainAndSelector(f.value());
        list.add(
            new DkimSignatureVerification(
                ds[0],
                ds[1],
                sig.algorithm(),
                sig.identity(),
                DkimSignatureResult.NONE,
                "not verified: offline",
                io.mxray.core.dkim.DkimProblem.NOT_VERIFIED,
                0,
                false,
                "",
                "",
                sig.length().orElse(-1),
                sig.signedHeaders()));
      }
      return new DkimReport(false, "offline: signatures were not verified", list);
    }
    if (sigs.isEmpty()) {
      if (!m.fields().isEmpty()) {
        out.add(
            Finding.of(DkimVerifierCodes.NONE, "", "The message has no DKIM-Signature header."));
      }
      return new DkimReport(true, "", List.of());
    }
    List<DkimSignatureVerification> results = new DkimVerifier(dns.get(), clock).verify(m);
    for (DkimSignatureVerification v : results) {
      String subject = v.selector() + "._domainkey." + v.domain();
      DkimVerifierCodes code =
          switch (v.problem()) {
            case NONE -> DkimVerifierCodes.PASS;
            case BODY_HASH_MISMATCH -> DkimVerifierCodes.BODY_HASH;
            case SIGNATURE_MISMATCH, BODY_SHORTER_THAN_L -> DkimVerifierCodes.FAIL;
            case KEY_UNAVAILABLE -> DkimVerifierCodes.TEMPERROR;
            case EXPIRED -> DkimVerifierCodes.EXPIRED;
            case SHA1_NOT_ACCEPTED -> DkimVerifierCodes.SHA1;
            case KEY_TOO_SHORT -> DkimVerifierCodes.WEAK_KEY;
            case KEY_MISSING, KEY_REVOKED -> DkimVerifierCodes.KEY_MISSING;
            case MALFORMED, KEY_INVALID, KEY_MISMATCH, IDENTITY_NOT_ALLOWED ->
                DkimVerifierCodes.PERMERROR;
            case BODY_NOT_CHECKED, TOO_MANY_SIGNATURES, NOT_VERIFIED -> null;
          };
      if (code != null) {
        Finding f =
            Finding.of(
                code,
                subject,
                "DKIM signature d="
                    + v.domain()
                    + " s="
                    + v.selector()
                    + ": "
                    + v.result().id()
                    + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")")
                    + ".");
        if (code == DkimVerifierCodes.FAIL && v.testing()) {
          f = f.withSeverity(Severity.WARN);
        }
        if (code == DkimVerifierCodes.SHA1) {
          f =
              f.withRemediation(
                  "Sign with a=rsa-sha256 (or add an ed25519-sha256 signature). mxray applies RFC"
                      + " 8301 on purpose: the signature is cryptographically valid but must not"
                      + " count.");
        } else if (code == DkimVerifierCodes.WEAK_KEY) {
          f =
              f.withRemediation(
                  "Publish a 2048-bit RSA key under a new selector and sign with it. mxray applies"
                      + " RFC 8301 on purpose: keys under 1024 bits must not be accepted.");
        }
        out.add(f);
      } else if (v.result() == DkimSignatureResult.NEUTRAL) {
        out.add(
            Finding.of(
                    DkimVerifierCodes.PASS,
                    subject,
                    "DKIM signature d=" + v.domain() + ": " + v.reason() + ".")
                .withSeverity(Severity.INFO));
      }
      if (v.bodyLength() >= 0) {
        out.add(
            Finding.of(
                    DkimVerifierCodes.BODY_LENGTH,
                    subject,
                    "The signature covers only the first "
                        + v.bodyLength()
                        + " octets of the body.")
                .withRemediation("Sign without the l= tag."));
      }
      if (v.testing()) {
        out.add(Finding.of(DkimVerifierCodes.TESTING, subject, "The key record has t=y."));
      }
    }
    return new DkimReport(true, "", results);
  }

  private SpfReport spf(
      ReceivedChain chain,
      Identity id,
      List<AuthResults> ars,
      Optional<ReceivedSpf> rspf,
      List<Finding> out) {
    String ip = chain.originIp().orElse("");
    String helo =
        chain.originHop() > 0 ? chain.hops().get(chain.originHop() - 1).received().helo() : "";
    String receiverResult = "";
    String receiverDomain = "";
    for (AuthResults ar : ars) {
      Optional<AuthResults.Method> s = ar.first("spf");
      if (s.isPresent()) {
        receiverResult = s.get().result();
        receiverDomain =
            s.get()
                .property("smtp.mailfrom")
                .map(Identity::domain)
                .filter(d -> !d.isEmpty())
                .orElse(s.get().property("smtp.mailfrom").orElse(""));
        break;
      }
    }
    if (receiverResult.isEmpty() && rspf.isPresent()) {
      receiverResult = rspf.get().result();
      receiverDomain = Identity.domain(rspf.get().property("envelope-from"));
    }
    SpfVerdict verdict;
    if (ip.isEmpty()) {
      verdict = SpfVerdict.notEvaluated("no origin IP in the Received headers");
    } else if (dns.isEmpty()) {
      verdict = SpfVerdict.notEvaluated("offline");
    } else {
      verdict = spf.verify(Addresses.parse(ip).orElseThrow(), id.mailFrom(), helo);
    }
    String subject = id.mailFromDomain().isEmpty() ? ip : id.mailFromDomain();
    if (!verdict.evaluated()) {
      out.add(
          Finding.of(
              HeadersCodes.SPF_NOT_EVALUATED,
              subject,
              "SPF was not re-evaluated ("
                  + verdict.reason()
                  + ")"
                  + (receiverResult.isEmpty()
                      ? "."
                      : "; the receiver recorded spf=" + receiverResult + ".")));
    } else {
      switch (verdict.result()) {
        case "pass" ->
            out.add(Finding.of(HeadersCodes.SPF_PASS, subject, "SPF passes for " + ip + "."));
        case "fail", "softfail" ->
            out.add(
                Finding.of(
                    HeadersCodes.SPF_FAIL,
                    subject,
                    "SPF "
                        + verdict.result()
                        + " for "
                        + ip
                        + (verdict.reason().isEmpty() ? "." : ": " + verdict.reason())));
        case "temperror", "permerror" ->
            out.add(
                Finding.of(
                        HeadersCodes.SPF_ERROR,
                        subject,
                        "SPF " + verdict.result() + ": " + verdict.reason())
                    .withSeverity(
                        verdict.result().equals("permerror")
                            ? Severity.FAIL
                            : Severity.INCONCLUSIVE));
        default -> {}
      }
    }
    return new SpfReport(verdict, ip, id.mailFrom(), helo, receiverResult, receiverDomain);
  }

  private DmarcReport dmarc(
      Identity id, DkimReport dkim, SpfReport spfReport, List<AuthResults> ars, List<Finding> out) {
    String from = id.fromDomain();
    String receiver =
        ars.stream()
            .map(a -> a.first("dmarc"))
            .flatMap(Optional::stream)
            .map(AuthResults.Method::result)
            .findFirst()
            .orElse("");
    if (from.isEmpty()) {
      return new DmarcReport(
          "none", false, "no single From domain", "", "", "", false, false, List.of(), receiver);
    }
    DmarcPolicy policy = dns.isEmpty() ? DmarcPolicy.notEvaluated("offline") : dmarc.lookup(from);
    List<String> passing =
        dkim.signatures().stream()
            .filter(s -> s.result() == DkimSignatureResult.PASS)
            .map(DkimSignatureVerification::domain)
            .distinct()
            .toList();
    boolean dkimAligned =
        passing.stream().anyMatch(d -> Alignment.aligned(d, from, policy.strictDkim()));
    String spfResult =
        spfReport.verdict().evaluated() ? spfReport.verdict().result() : spfReport.receiverResult();
    String envelopeDomain =
        !id.mailFromDomain().isEmpty() ? id.mailFromDomain() : spfReport.receiverDomain();
    boolean spfAligned =
        spfResult.equals("pass") && Alignment.aligned(envelopeDomain, from, policy.strictSpf());
    String org = Alignment.orgDomain(from);
    DmarcPolicy.Status st = policy.status();
    if (st == DmarcPolicy.Status.FOUND) {
      boolean pass = dkimAligned || spfAligned;
      out.add(
          Finding.of(
              pass ? HeadersCodes.DMARC_PASS : HeadersCodes.DMARC_FAIL,
              from,
              "DMARC "
                  + (pass ? "passes" : "fails (policy p=" + policy.policy() + ")")
                  + ": DKIM "
                  + (dkimAligned ? "aligned" : "not aligned")
                  + ", SPF "
                  + (spfAligned ? "aligned" : "not aligned")
                  + "."));
      return new DmarcReport(
          pass ? "pass" : "fail",
          true,
          policy.reason(),
          from,
          org,
          policy.policy(),
          dkimAligned,
          spfAligned,
          passing,
          receiver);
    }
    if (st == DmarcPolicy.Status.NONE) {
      return new DmarcReport(
          "none",
          true,
          "no DMARC record",
          from,
          org,
          "",
          dkimAligned,
          spfAligned,
          passing,
          receiver);
    }
    String reason =
        policy.reason().isEmpty() ? st.name().toLowerCase(Locale.ROOT) : policy.reason();
    out.add(
        Finding.of(
            HeadersCodes.DMARC_NOT_EVALUATED,
            from,
            "The DMARC policy of "
                + from
                + " was not looked up ("
                + reason
                + ")"
                + (receiver.isEmpty() ? "." : "; the receiver recorded dmarc=" + receiver + ".")));
    if (dkim.evaluated() && !dkimAligned) {
      out.add(
          Finding.of(
                  HeadersCodes.DMARC_UNALIGNED,
                  from,
                  passing.isEmpty()
                      ? "No DKIM signature passed, so DMARC can pass only through aligned SPF."
                      : "DKIM passed only for "
                          + String.join(", ", passing)
                          + ", not aligned with "
                          + from
                          + ".")
              .withRemediation(
                  "Sign with d=" + org + " (or a subdomain of it) at the sending service."));
    }
    return new DmarcReport(
        "none", false, reason, from, org, "", dkimAligned, spfAligned, passing, receiver);
  }

  private ArcReport arc(Message m, List<AuthResults> ars, List<Finding> out) {
    String receiver =
        ars.stream()
            .map(a -> a.first("arc"))
            .flatMap(Optional::stream)
            .map(AuthResults.Method::result)
            .findFirst()
            .orElse("");
    if (dns.isEmpty()) {
      return new ArcReport(
          false,
          new ArcResult(ArcResult.Status.NONE, m.all("ARC-Seal").size(), "offline", List.of()),
          receiver);
    }
    ArcResult r = new ArcVerifier(new DkimVerifier(dns.get(), clock)).verify(m);
    switch (r.status()) {
      case PASS ->
          out.add(
              Finding.of(
                  ArcCodes.PASS, "", "ARC chain of " + r.instances() + " set(s) validates."));
      case FAIL -> out.add(Finding.of(ArcCodes.FAIL, "", "ARC chain fails: " + r.reason()));
      case TEMPERROR -> out.add(Finding.of(ArcCodes.TEMPERROR, "", "ARC: " + r.reason()));
      case NONE -> {}
    }
    return new ArcReport(true, r, receiver);
  }

  private static void receiverFindings(List<AuthResults> ars, List<Finding> out) {
    if (ars.isEmpty()) {
      return;
    }
    AuthResults top = ars.get(0);
    List<String> failed = new ArrayList<>();
    for (AuthResults.Method mth : top.results()) {
      if (List.of("spf", "dkim", "dmarc", "arc").contains(mth.method())
          && List.of("fail", "softfail", "permerror").contains(mth.result())) {
        failed.add(mth.method() + "=" + mth.result());
      }
    }
    if (!failed.isEmpty()) {
      out.add(
          Finding.of(
              HeadersCodes.RECEIVER_AUTH_FAIL,
              top.authservId(),
              top.authservId() + " recorded " + String.join(", ", failed) + "."));
    }
  }

  private static void antispamFindings(List<Antispam.Report> reports, List<Finding> out) {
    for (Antispam.Report r : reports) {
      List<String> ev =
          r.entries().stream()
              .filter(e -> !e.meaning().isEmpty())
              .map(e -> e.key() + ":" + e.value() + " = " + e.meaning())
              .limit(8)
              .toList();
      if (r.spam()) {
        out.add(
            Finding.of(
                    HeadersCodes.ANTISPAM_SPAM,
                    r.header(),
                    r.header() + " classifies the message as spam," + " phishing or malware.")
                .withEvidence(ev));
      }
      if (r.bulkLevel() >= 4) {
        out.add(
            Finding.of(
                    HeadersCodes.ANTISPAM_BULK,
                    r.header(),
                    "Bulk complaint level " + r.bulkLevel() + ".")
                .withEvidence(ev));
      }
    }
  }

  /**
   * List headers, Precedence: bulk/list, or a receiver's bulk rating: the bulk-sender rules clearly
   * apply.
   */
  static boolean looksBulk(Message m, List<Antispam.Report> antispam) {
    String precedence = m.value("Precedence").strip().toLowerCase(Locale.ROOT);
    return m.first("List-Unsubscribe").isPresent()
        || m.first("List-Id").isPresent()
        || precedence.equals("bulk")
        || precedence.equals("list")
        || antispam.stream()
            .anyMatch(
                r ->
                    r.bulkLevel() >= 4
                        || r.entries().stream()
                            .anyMatch(
                                e -> e.key().equals("SRV") && e.value().equalsIgnoreCase("BULK")));
  }

  private static void checklistFindings(
      List<ChecklistItem> items, boolean bulk, List<Finding> out) {
    if (items.isEmpty()) {
      return;
    }
    List<String> failed =
        items.stream()
            .filter(i -> i.status() == ChecklistItem.Status.FAIL)
            .map(i -> i.id() + ": " + i.detail())
            .toList();
    if (failed.isEmpty()) {
      long unknown = items.stream().filter(i -> i.status() == ChecklistItem.Status.UNKNOWN).count();
      out.add(
          Finding.of(
              HeadersCodes.SENDER_REQUIREMENTS_MET,
              "",
              "No bulk-sender requirement is missed"
                  + (unknown > 0 ? " (" + unknown + " could not be checked)." : ".")));
    } else {
      Finding f =
          Finding.of(
                  HeadersCodes.SENDER_REQUIREMENTS_UNMET,
                  "",
                  failed.size()
                      + " of "
                      + items.size()
                      + " bulk-sender requirements are not met."
                      + (bulk
                          ? ""
                          : " The message does not look like bulk mail"
                              + " (no List-Unsubscribe, List-Id or bulk rating); the rules bind senders of about 5,000 messages a day."))
              .withEvidence(failed);
      out.add(bulk ? f : f.withSeverity(Severity.INFO));
    }
  }
}
