package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.Connector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP dialogue on 25, 587 and 465 (RFC 5321, RFC 3207, RFC 8314): greeting, EHLO (HELO
 * fallback), extensions, STARTTLS and EHLO again, AUTH before and after TLS, the opt-in relay test
 * (MAIL FROM and RCPT TO with foreign domains, never DATA), QUIT. Sends no credentials and no mail.
 */
public final class SmtpProbe {

  static final ProbeRun.Codes CODES =
      new ProbeRun.Codes(
          ProbeCodes.SMTP_UNREACHABLE,
          ProbeCodes.SMTP_TIMEOUT,
          ProbeCodes.SMTP_PROTOCOL_ERROR,
          ProbeCodes.SMTP_OK);

  /**
   * Sender and recipient of the relay test: reserved domains (RFC 2606) that are foreign to every
   * server.
   */
  static final String RELAY_FROM = "mxray-relay-test@example.org";

  static final String RELAY_TO = "mxray-relay-test@example.net";

  private SmtpProbe() {}

  public static ProbeResult probe(Connector connector, ProbeTarget target, ProbeOptions options) {
    ProbeRun run = new ProbeRun(target, options, CODES);
    Optional<Session> opened = run.connect(connector);
    if (opened.isEmpty()) {
      return run.result();
    }
    String step = "greeting";
    try (Session s = opened.get()) {
      if (target.service().implicitTls()) {
        step = "TLS";
        if (!run.implicitTls(s, scanOpener(connector, run))) {
          return run.result();
        }
        step = "greeting";
      }
      long waitStart = System.nanoTime();
      long[] firstLine = {0};
      SmtpReply greeting = greeting(run, s, () -> firstLine[0] = System.nanoTime());
      long bannerMs = run.lap("bannerMs");
      run.facts.put("greeting", greeting.code() + " " + greeting.text());
      if (greeting.lines().size() > 1) {
        run.timings.put("teaserMs", (firstLine[0] - waitStart) / 1_000_000);
      }
      if (greeting.code() != 220) {
        refused(run, "greeting", greeting);
        quit(s);
        return run.result();
      }
      bannerSlow(run, greeting, bannerMs, (firstLine[0] - waitStart) / 1_000_000);
      bannerName(run, greeting);
      step = "EHLO";
      SmtpExtensions before = ehlo(run, s);
      run.lap("ehloMs");
      if (before == null) {
        quit(s);
        return run.result();
      }
      run.facts.put(
          target.service().implicitTls() ? "extensionsTls" : "extensions", extFacts(before));
      SmtpExtensions after = before;
      if (!target.service().implicitTls()) {
        if (before.starttls()) {
          step = "STARTTLS";
          s.send("STARTTLS");
          SmtpReply r = SmtpReply.read(s);
          if (r.code() != 220) {
            run.add(
                Finding.of(
                        ProbeCodes.SMTP_STARTTLS_FAILED,
                        run.subject(),
                        target.label()
                            + " offers STARTTLS but answered "
                            + r.code()
                            + " "
                            + r.text()
                            + " when asked to start it.")
                    .withRemediation(
                        "Check the server's TLS certificate and key settings and its log.")
                    .withEvidence(run.transcript.tail(3)));
          } else {
            if (s.buffered() > 0) {
              run.transcript.note(
                  "ignored " + s.buffered() + " bytes sent before the TLS handshake");
            }
            step = "TLS";
            run.tls = TlsInspector.handshake(s, target, options);
            run.lap("tlsMs");
            if (!run.tls.established()) {
              Severity sev = run.tls.timedOut() ? Severity.INCONCLUSIVE : Severity.FAIL;
              run.add(
                  new Finding(
                      ProbeCodes.SMTP_STARTTLS_FAILED,
                      sev,
                      run.subject(),
                      target.label()
                          + " offers STARTTLS but the TLS handshake failed: "
                          + run.tls.failure()
                          + ". Senders defer mail"
                          + " or fall back to plaintext.",
                      "Check the server's certificate, key and TLS protocol settings"
                          + " (smtpd_tls_cert_file, smtpd_tls_key_file, smtpd_tls_protocols).",
                      null,
                      run.transcript.tail(3)));
              s.close(); // one connection at a time: servers may limit them
              run.finishTls(scanOpener(connector, run));
              return run.result();
            }
            step = "EHLO after TLS";
            after = ehlo(run, s);
            if (after == null) {
              quit(s);
              s.close(); // one connection at a time: servers may limit them
              run.finishTls(scanOpener(connector, run));
              return run.result();
            }
            run.facts.put("extensionsTls", extFacts(after));
          }
        } else {
          Severity sev = target.service() == Service.SUBMISSION ? Severity.FAIL : Severity.WARN;
          run.add(
              new Finding(
                  ProbeCodes.SMTP_STARTTLS_MISSING,
                  sev,
                  run.subject(),
                  target.label()
                      + " does not offer STARTTLS"
                      + (target.service() == Service.SUBMISSION
                          ? ": mail clients submit messages and passwords unencrypted."
                          : ": mail to it travels unencrypted."),
                  "Postfix: smtpd_tls_security_level = may (port 25) or encrypt (587), with smtpd_tls_chain_files set.",
                  null,
                  List.of("EHLO keywords: " + String.join(" ", before.keywords()))));
        }
        if (!before.plaintextAuth().isEmpty()) {
          run.add(
              Finding.of(
                      ProbeCodes.SMTP_AUTH_PLAINTEXT,
                      run.subject(),
                      target.label()
                          + " offers AUTH "
                          + String.join(" ", before.plaintextAuth())
                          + " before TLS: a client (or an attacker stripping"
                          + " STARTTLS) can send passwords in clear.")
                  .withRemediation(
                      "Postfix: smtpd_tls_auth_only = yes. Offer AUTH only after STARTTLS, or on port 465.")
                  .withEvidence("AUTH " + String.join(" ", before.auth())));
        }
      }
      if (!target.service().implicitTls()) {
        run.facts.put("authBeforeTls", before.auth());
      }
      run.facts.put(
          "authAfterTls", run.tls != null && run.tls.established() ? after.auth() : List.of());
      if (options.relayTest()) {
        step = "relay test";
        relayTest(run, s);
      }
      quit(s);
    } catch (ProbeFailure f) {
      run.failed(step, f);
    }
    run.finishTls(scanOpener(connector, run));
    run.okIfClean(
        target.label()
            + " greets, answers EHLO"
            + (run.tls != null ? " and negotiates " + run.tls.version() : "")
            + " as it should.");
    return run.result();
  }

  /** The greeting, within its own deadline (not the step timeout): servers delay it on purpose. */
  static SmtpReply greeting(ProbeRun run, Session s, Runnable firstLine) throws ProbeFailure {
    try {
      return SmtpReply.read(s, run.deadline.greetingEndNanos(), firstLine);
    } catch (ProbeFailure f) {
      if (f.kind() == ProbeFailure.Kind.TIMEOUT && f.getMessage().contains("step timeout")) {
        throw new ProbeFailure(
            ProbeFailure.Kind.TIMEOUT,
            "no complete greeting within the greeting timeout of "
                + run.options.greetingTimeout().toMillis()
                + " ms");
      }
      throw f;
    }
  }

  /**
   * {@code smtp.banner-slow} from the greeting's own time: WARN for a server that is slow, INFO for
   * one that sent a "220-" teaser at once and the rest later, which is postscreen's pregreet test
   * (greet_action = enforce) doing its job.
   */
  private static void bannerSlow(ProbeRun run, SmtpReply greeting, long bannerMs, long teaserMs) {
    long limit = run.options.bannerSlow().toMillis();
    if (bannerMs <= limit) {
      return;
    }
    boolean teaser = greeting.lines().size() > 1 && teaserMs <= limit;
    String label = run.target.label();
    Finding f =
        Finding.of(
                ProbeCodes.SMTP_BANNER_SLOW,
                run.subject(),
                teaser
                    ? label
                        + " sent the first greeting line at once and completed the greeting after "
                        + bannerMs
                        + " ms: a deliberate pregreet test (Postfix postscreen with a 220- teaser)."
                        + " Senders wait for the whole greeting (RFC 5321 allows 5 minutes); only"
                        + " impatient clients and scanners give up."
                    : label
                        + " took "
                        + bannerMs
                        + " ms to greet (threshold "
                        + limit
                        + " ms). Senders wait, but each connection ties up a process on both"
                        + " sides and impatient clients give up.")
            .withRemediation(
                teaser
                    ? "Nothing to do unless legitimate clients give up; postscreen_greet_wait sets the delay."
                    : "Look for slow reverse DNS lookups, overloaded policy services or a tarpit on the server.")
            .withEvidence(
                "greeting after "
                    + bannerMs
                    + " ms"
                    + (teaser ? ", first line after " + teaserMs + " ms" : ""),
                greeting.code() + " " + String.join(" / ", greeting.lines()));
    run.add(teaser ? f.withSeverity(Severity.INFO) : f);
  }

  private static void refused(ProbeRun run, String step, SmtpReply r) {
    run.add(
        Finding.of(
                ProbeCodes.SMTP_UNAVAILABLE,
                run.subject(),
                run.target.label()
                    + " refused the session at the "
                    + step
                    + " with "
                    + r.code()
                    + " "
                    + r.text()
                    + ". It may be overloaded, or blocking mxray's address.")
            .withRemediation(
                "Retry later or from another network; check the server's log and any blocklist it uses.")
            .withEvidence(r.code() + " " + String.join(" / ", r.lines())));
  }

  private static void bannerName(ProbeRun run, SmtpReply greeting) {
    String[] words = greeting.text().strip().split("\\s+");
    String host = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    run.facts.put("bannerHost", host);
    ProbeTarget t = run.target;
    if (t.byAddress() && t.reverseNames().isEmpty()) {
      return;
    }
    boolean known =
        host.equalsIgnoreCase(t.name())
            || t.reverseNames().stream().anyMatch(host::equalsIgnoreCase);
    if (!known) {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      if (!t.byAddress()) {
        names.add(t.name().toLowerCase(Locale.ROOT));
      }
      t.reverseNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
      String expected = String.join(" or ", names);
      run.add(
          Finding.of(
                  ProbeCodes.SMTP_BANNER_MISMATCH,
                  run.subject(),
                  "The greeting of "
                      + t.label()
                      + " names '"
                      + host
                      + "', not "
                      + expected
                      + ". Some receivers and spam filters compare these names.")
              .withRemediation(
                  "Postfix: myhostname = "
                      + (t.byAddress() ? t.reverseNames().get(0) : t.name())
                      + " (and make the PTR of "
                      + t.address().getHostAddress()
                      + " match it).")
              .withEvidence("220 " + greeting.text()));
    }
  }

  /** EHLO, falling back to HELO; null after a refusal (already reported). */
  private static SmtpExtensions ehlo(ProbeRun run, Session s) throws ProbeFailure {
    s.send("EHLO " + run.options.heloName());
    SmtpReply r = SmtpReply.read(s);
    if (r.code() == 250) {
      return SmtpExtensions.parse(r.lines());
    }
    if (r.code() == 421) {
      refused(run, "EHLO", r);
      return null;
    }
    s.send("HELO " + run.options.heloName());
    SmtpReply h = SmtpReply.read(s);
    if (h.code() == 250) {
      run.facts.put("heloFallback", true);
      return SmtpExtensions.NONE;
    }
    refused(run, "HELO", h);
    return null;
  }

  private static Map<String, Object> extFacts(SmtpExtensions e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keywords", e.keywords());
    m.put("size", e.size());
    m.put("auth", e.auth());
    return m;
  }

  private static void relayTest(ProbeRun run, Session s) throws ProbeFailure {
    Map<String, Object> relay = new LinkedHashMap<>();
    s.send("MAIL FROM:<" + RELAY_FROM + ">");
    SmtpReply mail = SmtpReply.read(s);
    relay.put("mailFrom", mail.code() + " " + mail.text());
    if (mail.positive()) {
      s.send("RCPT TO:<" + RELAY_TO + ">");
      SmtpReply rcpt = SmtpReply.read(s);
      relay.put("rcptTo", rcpt.code() + " " + rcpt.text());
      relay.put("openRelay", rcpt.positive());
      if (rcpt.positive()) {
        run.add(
            Finding.of(
                    ProbeCodes.SMTP_OPEN_RELAY,
                    run.subject(),
                    run.target.label()
                        + " accepted a recipient at "
                        + "example.net for a sender at example.org without authentication: it is an open relay. Spammers will"
                        + " find it and get it blocklisted.")
                .withRemediation(
                    "Postfix: smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,"
                        + " defer_unauth_destination, with mynetworks limited to your own hosts.")
                .withEvidence(run.transcript.tail(4)));
      }
    } else {
      relay.put("openRelay", false);
    }
    s.send("RSET");
    SmtpReply.read(s);
    run.facts.put("relayTest", relay);
  }

  private static void quit(Session s) {
    try {
      s.send("QUIT");
      SmtpReply.read(s);
    } catch (ProbeFailure ignored) {
      // the dialogue is over either way
    }
  }

  /**
   * A fresh connection brought to the point of the TLS ClientHello after STARTTLS (for the TLS
   * scan).
   */
  static Session starttlsPreamble(Connector connector, ProbeRun run) throws ProbeFailure {
    Transcript quiet = new Transcript(System.nanoTime());
    Session s = Session.open(connector, run.target.socketAddress(), run.deadline, quiet);
    try {
      SmtpReply g = SmtpReply.read(s, run.deadline.greetingEndNanos(), () -> {});
      if (g.code() != 220) {
        throw new ProbeFailure(ProbeFailure.Kind.UNAVAILABLE, g.code() + " " + g.text());
      }
      s.send("EHLO " + run.options.heloName());
      expect(SmtpReply.read(s), 250);
      s.send("STARTTLS");
      expect(SmtpReply.read(s), 220);
      return s;
    } catch (ProbeFailure f) {
      s.close();
      throw f;
    }
  }

  private static void expect(SmtpReply r, int code) throws ProbeFailure {
    if (r.code() == 421) {
      throw new ProbeFailure(ProbeFailure.Kind.UNAVAILABLE, r.code() + " " + r.text());
    }
    if (r.code() != code) {
      throw new ProbeFailure(ProbeFailure.Kind.IO, "unexpected reply " + r.code() + " " + r.text());
    }
  }

  /** The scan's opener for this port: implicit TLS at connect, or STARTTLS then EHLO after it. */
  static TlsScanner.Opener scanOpener(Connector connector, ProbeRun run) {
    if (run.target.service().implicitTls()) {
      return () ->
          Session.open(
              connector,
              run.target.socketAddress(),
              run.deadline,
              new Transcript(System.nanoTime()));
    }
    return TlsScanner.Opener.then(
        () -> starttlsPreamble(connector, run), "EHLO " + run.options.heloName());
  }
}
