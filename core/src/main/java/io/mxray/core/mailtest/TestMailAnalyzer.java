package io.mxray.core.mailtest;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.Alignment;
import io.mxray.core.headers.DiscoveredDmarcPolicy;
import io.mxray.core.headers.DmarcPolicySource;
import io.mxray.core.headers.DmarcPolicySource.DmarcPolicy;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.headers.MessageAnalysis;
import io.mxray.core.headers.MessageAnalyzer;
import io.mxray.core.headers.SpfVerifier;
import io.mxray.core.mailtest.TestMailAnalysis.Dmarc;
import io.mxray.core.mailtest.TestMailAnalysis.Spf;
import io.mxray.core.message.Message;
import io.mxray.core.mx.GenericPtr;
import io.mxray.core.net.Addresses;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfRequest;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * Analyses a delivered test message as the receiver saw it. The receiver's own trace fields are put
 * on top (Return-Path with the envelope sender, a Received field naming the connecting address,
 * HELO and TLS), then the message analysis runs with an SPF port that evaluates the real envelope,
 * and the envelope is judged: SPF of MAIL FROM and HELO on the connecting address, reverse DNS
 * (FCrDNS and the S25R generic-name rules), the TLS version, and DMARC alignment of the From domain
 * with those results. All I/O through the DNS port.
 */
public final class TestMailAnalyzer {

  private static final DateTimeFormatter RFC5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final DnsClient dns;
  private final Clock clock;

  public TestMailAnalyzer(DnsClient dns, Clock clock) {
    this.dns = dns;
    this.clock = clock;
  }

  /** The trace fields a receiver adds (RFC 5321 §4.4), then the message. */
  static byte[] withTrace(Delivery d, String token, String ptr) {
    StringBuilder h = new StringBuilder();
    h.append("Return-Path: <").append(d.mailFrom()).append(">\r\n");
    h.append("Received: from ")
        .append(d.helo().isEmpty() ? "unknown" : d.helo())
        .append(" (")
        .append(ptr.isEmpty() ? "unknown" : ptr)
        .append(" [")
        .append(d.remoteIp())
        .append("])\r\n\tby ")
        .append(d.receiver())
        .append(" (mxray) with ")
        .append(d.tlsProtocol().isEmpty() ? "ESMTP" : "ESMTPS")
        .append(d.tlsProtocol().isEmpty() ? "" : " (" + d.tlsProtocol() + ":" + d.tlsCipher() + ")")
        .append(" id ")
        .append(token)
        .append("\r\n\tfor <")
        .append(d.recipients().isEmpty() ? "" : d.recipients().get(0))
        .append(">; ")
        .append(RFC5322.format(d.receivedAt()))
        .append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(d.message().length + h.length());
    out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(d.message());
    return out.toByteArray();
  }

  public TestMailAnalysis analyze(Delivery d, String token) {
    List<Finding> out = new ArrayList<>();
    Optional<InetAddress> ip = Addresses.parse(d.remoteIp());
    String ptr = "";
    boolean confirmed = false;
    String generic = "";
    if (ip.isPresent()) {
      DnsAnswer a = dns.query(Addresses.reverseName(ip.get()), Type.PTR);
      if (a.isFailure()) {
        out.add(
            Finding.of(
                MailTestCodes.DNS_UNAVAILABLE,
                d.remoteIp(),
                "The reverse DNS of " + d.remoteIp() + " could not be read (" + a.status() + ")."));
      } else {
        ptr =
            a.records().stream()
                .filter(r -> r instanceof PTRRecord)
                .map(r -> ((PTRRecord) r).getTarget().toString(true).toLowerCase(Locale.ROOT))
                .findFirst()
                .orElse("");
        if (ptr.isEmpty()) {
          out.add(
              Finding.of(
                      MailTestCodes.PTR_MISSING,
                      d.remoteIp(),
                      d.remoteIp() + " has no reverse DNS name.")
                  .withRemediation(
                      "Ask whoever runs the address (your provider) for a PTR record naming the server, e.g. mail.your-domain, with a matching A record."));
        } else {
          int type = ip.get() instanceof java.net.Inet6Address ? Type.AAAA : Type.A;
          DnsAnswer fwd = dns.query(ptr, type);
          confirmed = fwd.addresses().stream().anyMatch(x -> x.equals(ip.get()));
          generic = GenericPtr.match(ptr).map(GenericPtr.Match::rule).orElse("");
          if (!confirmed) {
            out.add(
                Finding.of(
                    MailTestCodes.PTR_MISMATCH,
                    ptr,
                    ptr
                        + " (the reverse name of "
                        + d.remoteIp()
                        + ") does not resolve back to it."));
          } else if (!generic.isEmpty()) {
            out.add(
                Finding.of(
                    MailTestCodes.PTR_GENERIC,
                    ptr,
                    ptr + " looks like a dynamic or end-user name (" + generic + ")."));
          } else {
            out.add(
                Finding.of(
                    MailTestCodes.PTR_OK,
                    ptr,
                    d.remoteIp() + " is " + ptr + ", which resolves back to it."));
          }
        }
      }
    }
    // SPF on the real envelope.
    Spf mfrom = new Spf("none", "", "", "no connecting address");
    Spf helo = new Spf("none", "", "", "no HELO name");
    if (ip.isPresent()) {
      SpfEvaluator ev = new SpfEvaluator(dns);
      SpfRequest req = SpfRequest.mailFrom(ip.get(), d.mailFrom(), d.helo());
      mfrom = spf(ev.checkHost(req), req.domain());
      if (!d.helo().isBlank() && d.helo().contains(".") && !d.helo().startsWith("[")) {
        SpfRequest hr = SpfRequest.helo(ip.get(), d.helo());
        helo = spf(ev.checkHost(hr), hr.domain());
      }
    }
    out.add(spfFinding(mfrom, d));
    if (!helo.domain().isEmpty()) {
      out.add(
          Finding.of(
              MailTestCodes.HELO_SPF,
              helo.domain(),
              "SPF of the HELO name " + helo.domain() + ": " + helo.result() + "."));
    }
    // TLS of the session.
    if (d.tlsProtocol().isEmpty()) {
      out.add(
          Finding.of(
                  MailTestCodes.NO_TLS, d.remoteIp(), "The message was delivered without STARTTLS.")
              .withRemediation(
                  "Enable opportunistic TLS on the sending server (Postfix: smtp_tls_security_level = may)."));
    } else if (d.tlsProtocol().equals("TLSv1") || d.tlsProtocol().equals("TLSv1.1")) {
      out.add(
          Finding.of(
              MailTestCodes.TLS_OLD,
              d.remoteIp(),
              "The sender used " + d.tlsProtocol() + " (" + d.tlsCipher() + ")."));
    } else {
      out.add(
          Finding.of(
              MailTestCodes.TLS_OK,
              d.remoteIp(),
              "The sender used " + d.tlsProtocol() + " with " + d.tlsCipher() + "."));
    }
    // The message itself, with SPF answered from the real envelope.
    final Spf envelopeSpf = mfrom;
    SpfVerifier real =
        (ignoredIp, ignoredFrom, ignoredHelo) ->
            new SpfVerifier.SpfVerdict(
                envelopeSpf.result(), ip.isPresent(), envelopeSpf.domain(), envelopeSpf.reason());
    DmarcPolicySource dmarcSource = new DiscoveredDmarcPolicy(dns);
    Message m = HeaderParser.parse(withTrace(d, token, ptr));
    MessageAnalysis analysis =
        new MessageAnalyzer(Optional.of(dns), clock, real, dmarcSource).analyze(m);
    // DMARC alignment of the From domain with the envelope.
    String from = analysis.identity().fromDomain();
    Dmarc dmarc;
    if (from.isEmpty()) {
      dmarc = new Dmarc("", "", "", false, false, List.of(), "none");
    } else {
      DmarcPolicy p = dmarcSource.lookup(from);
      String mfDomain = mfrom.domain();
      boolean spfAligned =
          mfrom.result().equals("pass") && Alignment.aligned(mfDomain, from, p.strictSpf());
      boolean dkimAligned = analysis.dmarc().dkimAligned();
      String result =
          switch (p.status()) {
            case FOUND -> spfAligned || dkimAligned ? "pass" : "fail";
            case NONE -> "none";
            default -> "temperror";
          };
      dmarc =
          new Dmarc(
              from,
              p.record(),
              p.policy(),
              spfAligned,
              dkimAligned,
              analysis.dmarc().dkimDomains(),
              result);
      switch (result) {
        case "pass" ->
            out.add(
                Finding.of(
                    MailTestCodes.DMARC_PASS,
                    from,
                    "DMARC passes for "
                        + from
                        + ": "
                        + (spfAligned ? "SPF aligned" : "SPF not aligned")
                        + ", "
                        + (dkimAligned ? "DKIM aligned." : "DKIM not aligned.")));
        case "fail" ->
            out.add(
                Finding.of(
                        MailTestCodes.DMARC_FAIL,
                        from,
                        "DMARC fails for "
                            + from
                            + " (p="
                            + p.policy()
                            + "): SPF "
                            + mfrom.result()
                            + " for "
                            + (mfDomain.isEmpty() ? "no domain" : mfDomain)
                            + ", no passing DKIM signature for "
                            + from
                            + ".")
                    .withRemediation(
                        "Sign with DKIM d="
                            + Alignment.orgDomain(from)
                            + ", or send with a MAIL FROM under "
                            + Alignment.orgDomain(from)
                            + " that its SPF authorises."));
        case "none" ->
            out.add(
                Finding.of(MailTestCodes.DMARC_MISSING, from, from + " publishes no DMARC record.")
                    .withRemediation(
                        "Publish _dmarc."
                            + Alignment.orgDomain(from)
                            + " TXT \"v=DMARC1; p=none; rua=mailto:dmarc@"
                            + Alignment.orgDomain(from)
                            + "\" and move to quarantine/reject once the reports are clean."));
        default ->
            out.add(
                Finding.of(
                    MailTestCodes.DNS_UNAVAILABLE,
                    from,
                    "The DMARC record of " + from + " could not be read (" + p.reason() + ")."));
      }
    }
    Delivery meta =
        new Delivery(
            d.remoteIp(),
            d.helo(),
            d.mailFrom(),
            d.recipients(),
            d.tlsProtocol(),
            d.tlsCipher(),
            d.receivedAt(),
            d.receiver(),
            new byte[0]);
    return new TestMailAnalysis(
        token, meta, ptr, confirmed, generic, mfrom, helo, dmarc, analysis, out);
  }

  private static Spf spf(SpfEvaluation e, String domain) {
    return new Spf(
        e.result().name().toLowerCase(Locale.ROOT), domain, e.mechanism().orElse(""), e.reason());
  }

  private static Finding spfFinding(Spf s, Delivery d) {
    String subject = s.domain().isEmpty() ? d.remoteIp() : s.domain();
    String what =
        "SPF "
            + s.result()
            + " for "
            + d.remoteIp()
            + " sending as "
            + (d.mailFrom().isEmpty() ? "<> (HELO " + d.helo() + ")" : d.mailFrom())
            + (s.mechanism().isEmpty() ? "" : " (" + s.mechanism() + ")")
            + ".";
    return switch (s.result()) {
      case "pass" -> Finding.of(MailTestCodes.SPF_PASS, subject, what);
      case "fail", "softfail" ->
          Finding.of(MailTestCodes.SPF_FAIL, subject, what)
              .withSeverity(s.result().equals("softfail") ? Severity.WARN : Severity.FAIL)
              .withRemediation(
                  "Add this server to the SPF record of "
                      + s.domain()
                      + " (ip4:/ip6: or the include: of the service that sends for you).");
      case "temperror" ->
          Finding.of(MailTestCodes.SPF_ERROR, subject, what).withSeverity(Severity.INCONCLUSIVE);
      case "permerror" -> Finding.of(MailTestCodes.SPF_ERROR, subject, what + " " + s.reason());
      default ->
          Finding.of(MailTestCodes.SPF_NONE, subject, what)
              .withRemediation(
                  "Publish an SPF record for " + s.domain() + " that names this server.");
    };
  }
}
