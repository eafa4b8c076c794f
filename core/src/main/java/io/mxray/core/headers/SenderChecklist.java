package io.mxray.core.headers;

import io.mxray.core.dkim.DkimSignatureResult;
import io.mxray.core.dkim.DkimSignatureVerification;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.headers.ChecklistItem.Status;
import io.mxray.core.headers.MessageAnalysis.DkimReport;
import io.mxray.core.headers.MessageAnalysis.DmarcReport;
import io.mxray.core.headers.MessageAnalysis.SpfReport;
import io.mxray.core.message.AuthResults;
import io.mxray.core.message.MailDate;
import io.mxray.core.message.Message;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The bulk-sender requirements of Gmail and Yahoo (February 2024) and Microsoft Outlook.com (May
 * 2025), checked against one message. Each item is pass, fail, or unknown (not visible in the
 * message and not checkable without DNS), and names the rule it comes from.
 */
public final class SenderChecklist {

  static final String GMAIL = "Gmail email sender guidelines (2024)";
  static final String YAHOO = "Yahoo sender best practices (2024)";
  static final String MICROSOFT = "Microsoft Outlook.com high-volume sender requirements (2025)";
  static final String BULK = GMAIL + "; " + YAHOO + "; " + MICROSOFT;

  /**
   * Mailbox providers whose own domains publish enforcing DMARC policies; nobody else may send as
   * them.
   */
  static final Set<String> FREEMAIL =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "ymail.com",
          "aol.com",
          "outlook.com",
          "hotmail.com",
          "live.com",
          "msn.com",
          "icloud.com",
          "me.com",
          "gmx.com",
          "gmx.de",
          "web.de",
          "yandex.ru",
          "mail.ru",
          "proton.me",
          "protonmail.com",
          "zoho.com");

  private SenderChecklist() {}

  static List<ChecklistItem> evaluate(
      Message m,
      Identity id,
      ReceivedChain chain,
      DkimReport dkim,
      SpfReport spf,
      DmarcReport dmarc,
      Optional<DnsClient> dns) {
    if (m.fields().isEmpty()) {
      return List.of();
    }
    List<ChecklistItem> out = new ArrayList<>();
    out.add(spfItem(spf));
    out.add(dkimItem(m, dkim));
    out.add(dmarcPresent(dmarc));
    out.add(dmarcAligned(dmarc, dkim, spf));
    out.add(fcrdns(chain, dns));
    out.add(tls(chain));
    out.add(listUnsubscribe(m));
    out.add(oneClick(m, dkim));
    out.add(
        new ChecklistItem(
            "message-id",
            "Valid Message-ID",
            id.messageIdValid() ? Status.PASS : Status.FAIL,
            GMAIL + ": format messages according to RFC 5322",
            id.messageIds().isEmpty() ? "no Message-ID" : String.join(" ", id.messageIds())));
    boolean dateOk = MailDate.parse(id.dateText(), true).isPresent();
    out.add(
        new ChecklistItem(
            "date",
            "Valid Date",
            dateOk ? Status.PASS : Status.FAIL,
            GMAIL + ": format messages according to RFC 5322",
            id.dateText().isEmpty() ? "no Date" : id.dateText()));
    out.add(freemail(id, dkim, dmarc));
    return out;
  }

  private static ChecklistItem spfItem(SpfReport spf) {
    String rule = BULK + ": SPF must pass";
    if (spf.verdict().evaluated()) {
      return new ChecklistItem(
          "spf-pass",
          "SPF passes",
          spf.verdict().result().equals("pass") ? Status.PASS : Status.FAIL,
          rule,
          "spf=" + spf.verdict().result() + " for " + spf.ip());
    }
    if (!spf.receiverResult().isEmpty()) {
      return new ChecklistItem(
          "spf-pass",
          "SPF passes",
          spf.receiverResult().equals("pass") ? Status.PASS : Status.FAIL,
          rule,
          "receiver recorded spf=" + spf.receiverResult());
    }
    return new ChecklistItem(
        "spf-pass", "SPF passes", Status.UNKNOWN, rule, "SPF not evaluated and not recorded");
  }

  private static ChecklistItem dkimItem(Message m, DkimReport dkim) {
    String rule = BULK + ": DKIM must pass";
    List<DkimSignatureVerification> sigs = dkim.signatures();
    if (!dkim.evaluated()) {
      Optional<String> recorded =
          m.all("Authentication-Results").stream()
              .map(f -> AuthResults.parse(f.value()).first("dkim"))
              .flatMap(Optional::stream)
              .map(AuthResults.Method::result)
              .findFirst();
      if (recorded.isPresent()) {
        return new ChecklistItem(
            "dkim-pass",
            "DKIM passes",
            recorded.get().equals("pass") ? Status.PASS : Status.FAIL,
            rule,
            "receiver recorded dkim=" + recorded.get());
      }
      return new ChecklistItem(
          "dkim-pass",
          "DKIM passes",
          sigs.isEmpty() ? Status.FAIL : Status.UNKNOWN,
          rule,
          sigs.isEmpty() ? "no DKIM-Signature" : "not verified (offline)");
    }
    if (sigs.stream().anyMatch(s -> s.result() == DkimSignatureResult.PASS)) {
      return new ChecklistItem(
          "dkim-pass",
          "DKIM passes",
          Status.PASS,
          rule,
          "d="
              + String.join(
                  ", d=",
                  sigs.stream()
                      .filter(s -> s.result() == DkimSignatureResult.PASS)
                      .map(DkimSignatureVerification::domain)
                      .distinct()
                      .toList()));
    }
    if (sigs.stream()
        .anyMatch(
            s ->
                s.reason().startsWith("header signature verified")
                    || s.result() == DkimSignatureResult.TEMPERROR)) {
      return new ChecklistItem(
          "dkim-pass",
          "DKIM passes",
          Status.UNKNOWN,
          rule,
          "header signature verified, body not available (or key lookup failed)");
    }
    return new ChecklistItem(
        "dkim-pass",
        "DKIM passes",
        Status.FAIL,
        rule,
        sigs.isEmpty() ? "no DKIM-Signature" : "no signature verified");
  }

  private static ChecklistItem dmarcPresent(DmarcReport d) {
    String rule = BULK + ": publish a DMARC policy (p=none or stronger) for the From domain";
    if (d.evaluated()) {
      boolean found =
          !d.policy().isEmpty() || d.result().equals("pass") || d.result().equals("fail");
      return new ChecklistItem(
          "dmarc-present",
          "DMARC policy published",
          found ? Status.PASS : Status.FAIL,
          rule,
          found ? "p=" + d.policy() : "no DMARC record for " + d.fromDomain());
    }
    if (!d.receiverResult().isEmpty()) {
      boolean found = !d.receiverResult().equals("none");
      return new ChecklistItem(
          "dmarc-present",
          "DMARC policy published",
          found ? Status.PASS : Status.FAIL,
          rule,
          "receiver recorded dmarc=" + d.receiverResult());
    }
    return new ChecklistItem(
        "dmarc-present", "DMARC policy published", Status.UNKNOWN, rule, "DMARC not looked up");
  }

  private static ChecklistItem dmarcAligned(DmarcReport d, DkimReport dkim, SpfReport spf) {
    String rule = GMAIL + "; " + YAHOO + ": the From domain must align with the SPF or DKIM domain";
    if (d.fromDomain().isEmpty()) {
      return new ChecklistItem(
          "dmarc-aligned",
          "From aligned with SPF or DKIM",
          Status.FAIL,
          rule,
          "no single From domain");
    }
    if (d.dkimAligned() || d.spfAligned()) {
      return new ChecklistItem(
          "dmarc-aligned",
          "From aligned with SPF or DKIM",
          Status.PASS,
          rule,
          (d.dkimAligned() ? "DKIM" : "SPF") + " aligned with " + d.fromDomain());
    }
    boolean knowable =
        dkim.evaluated() || !spf.receiverResult().isEmpty() || spf.verdict().evaluated();
    if (!knowable || d.receiverResult().equals("pass")) {
      return new ChecklistItem(
          "dmarc-aligned",
          "From aligned with SPF or DKIM",
          d.receiverResult().equals("pass") ? Status.PASS : Status.UNKNOWN,
          rule,
          d.receiverResult().isEmpty()
              ? "not verified"
              : "receiver recorded dmarc=" + d.receiverResult());
    }
    return new ChecklistItem(
        "dmarc-aligned",
        "From aligned with SPF or DKIM",
        Status.FAIL,
        rule,
        "neither a passing DKIM domain nor the SPF domain aligns with " + d.fromDomain());
  }

  private static ChecklistItem fcrdns(ReceivedChain chain, Optional<DnsClient> dns) {
    String rule = GMAIL + ": sending IPs must have valid forward and reverse DNS";
    if (chain.originIp().isEmpty()) {
      return new ChecklistItem(
          "fcrdns",
          "Origin IP has forward-confirmed reverse DNS",
          Status.UNKNOWN,
          rule,
          "no origin IP");
    }
    String ip = chain.originIp().get();
    if (dns.isEmpty()) {
      return new ChecklistItem(
          "fcrdns",
          "Origin IP has forward-confirmed reverse DNS",
          Status.UNKNOWN,
          rule,
          "offline: " + ip + " not looked up");
    }
    InetAddress addr = Addresses.parse(ip).orElseThrow();
    DnsAnswer ptr = dns.get().query(Addresses.reverseName(addr), Type.PTR);
    if (ptr.isFailure()) {
      return new ChecklistItem(
          "fcrdns",
          "Origin IP has forward-confirmed reverse DNS",
          Status.UNKNOWN,
          rule,
          "PTR lookup for " + ip + ": " + ptr.status().name());
    }
    List<String> names = new ArrayList<>();
    for (Record r : ptr.records()) {
      if (r instanceof PTRRecord p) {
        names.add(p.getTarget().toString(true).toLowerCase(Locale.ROOT));
      }
    }
    if (names.isEmpty()) {
      return new ChecklistItem(
          "fcrdns",
          "Origin IP has forward-confirmed reverse DNS",
          Status.FAIL,
          rule,
          ip + " has no PTR record");
    }
    boolean anyFailure = false;
    for (String name : names.subList(0, Math.min(names.size(), 5))) {
      DnsAnswer fwd = dns.get().query(name, addr.getAddress().length == 4 ? Type.A : Type.AAAA);
      anyFailure |= fwd.isFailure();
      if (fwd.addresses().contains(addr)) {
        return new ChecklistItem(
            "fcrdns",
            "Origin IP has forward-confirmed reverse DNS",
            Status.PASS,
            rule,
            ip + " -> " + name + " -> " + ip);
      }
    }
    return new ChecklistItem(
        "fcrdns",
        "Origin IP has forward-confirmed reverse DNS",
        anyFailure ? Status.UNKNOWN : Status.FAIL,
        rule,
        ip
            + " -> "
            + String.join(", ", names)
            + (anyFailure ? ": forward lookup failed" : ", which does not resolve back to " + ip));
  }

  private static ChecklistItem tls(ReceivedChain chain) {
    String rule = GMAIL + ": use a TLS connection for transmitting email";
    if (chain.originHop() == 0) {
      return new ChecklistItem(
          "tls", "TLS on the hop into the receiver", Status.UNKNOWN, rule, "no origin hop");
    }
    Received r = chain.hops().get(chain.originHop() - 1).received();
    Status s =
        switch (r.tls()) {
          case YES -> Status.PASS;
          case NO -> Status.FAIL;
          case UNKNOWN -> Status.UNKNOWN;
        };
    return new ChecklistItem(
        "tls",
        "TLS on the hop into the receiver",
        s,
        rule,
        "hop "
            + chain.originHop()
            + ": "
            + (r.protocol().isEmpty() ? "protocol not recorded" : "with " + r.protocol())
            + (r.tlsVersion().isEmpty() ? "" : " " + r.tlsVersion()));
  }

  private static ChecklistItem listUnsubscribe(Message m) {
    String rule = GMAIL + "; " + YAHOO + ": bulk mail must carry List-Unsubscribe (RFC 2369)";
    String v = m.value("List-Unsubscribe");
    if (v.isEmpty()) {
      return new ChecklistItem(
          "list-unsubscribe",
          "List-Unsubscribe header",
          Status.FAIL,
          rule,
          "no List-Unsubscribe header");
    }
    boolean uri = v.contains("<https:") || v.contains("<mailto:") || v.contains("<http:");
    return new ChecklistItem(
        "list-unsubscribe",
        "List-Unsubscribe header",
        uri ? Status.PASS : Status.FAIL,
        rule,
        clip(v));
  }

  private static ChecklistItem oneClick(Message m, DkimReport dkim) {
    String rule =
        GMAIL + "; " + YAHOO + ": one-click unsubscribe (RFC 8058), covered by a DKIM signature";
    String post = m.value("List-Unsubscribe-Post").strip();
    String lu = m.value("List-Unsubscribe");
    if (!post.equalsIgnoreCase("List-Unsubscribe=One-Click")) {
      return new ChecklistItem(
          "one-click-unsubscribe",
          "One-click unsubscribe",
          Status.FAIL,
          rule,
          post.isEmpty()
              ? "no List-Unsubscribe-Post: List-Unsubscribe=One-Click"
              : "List-Unsubscribe-Post: " + clip(post));
    }
    if (!lu.contains("<https:")) {
      return new ChecklistItem(
          "one-click-unsubscribe",
          "One-click unsubscribe",
          Status.FAIL,
          rule,
          "List-Unsubscribe has no https URI for the one-click POST");
    }
    if (dkim.evaluated()) {
      boolean signed =
          dkim.signatures().stream()
              .filter(s -> s.result() == DkimSignatureResult.PASS)
              .anyMatch(
                  s ->
                      s.signedHeaders().contains("list-unsubscribe")
                          && s.signedHeaders().contains("list-unsubscribe-post"));
      if (!signed) {
        return new ChecklistItem(
            "one-click-unsubscribe",
            "One-click unsubscribe",
            Status.FAIL,
            rule,
            "no passing DKIM signature covers List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 §4)");
      }
    }
    return new ChecklistItem(
        "one-click-unsubscribe",
        "One-click unsubscribe",
        Status.PASS,
        rule,
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  }

  private static ChecklistItem freemail(Identity id, DkimReport dkim, DmarcReport dmarc) {
    String rule =
        GMAIL
            + ": don't impersonate Gmail From headers; Yahoo, AOL, Outlook.com publish enforcing DMARC";
    String from = id.fromDomain();
    if (from.isEmpty() || !FREEMAIL.contains(from)) {
      return new ChecklistItem(
          "from-not-freemail",
          "From is not a mailbox provider's domain",
          Status.PASS,
          rule,
          from.isEmpty() ? "no single From domain" : from + " is not a mailbox provider domain");
    }
    if (dmarc.dkimAligned() || dmarc.spfAligned() || dmarc.receiverResult().equals("pass")) {
      return new ChecklistItem(
          "from-not-freemail",
          "From is not a mailbox provider's domain",
          Status.PASS,
          rule,
          "sent through " + from + " itself (authenticated)");
    }
    if (!dkim.evaluated() && dmarc.receiverResult().isEmpty()) {
      return new ChecklistItem(
          "from-not-freemail",
          "From is not a mailbox provider's domain",
          Status.UNKNOWN,
          rule,
          "From is " + from + "; whether it was sent through " + from + " was not verified");
    }
    return new ChecklistItem(
        "from-not-freemail",
        "From is not a mailbox provider's domain",
        Status.FAIL,
        rule,
        "From is " + from + " but the message was not authenticated by " + from);
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
