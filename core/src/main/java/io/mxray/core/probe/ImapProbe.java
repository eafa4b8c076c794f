package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.net.Connector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IMAP dialogue on 143 and 993 (RFC 9051, RFC 3501): greeting, CAPABILITY, STARTTLS, CAPABILITY
 * again, LOGOUT. Judges whether passwords may be sent before TLS (no LOGINDISABLED, or
 * AUTH=PLAIN/LOGIN).
 */
public final class ImapProbe {

  static final ProbeRun.Codes CODES =
      new ProbeRun.Codes(
          ProbeCodes.IMAP_UNREACHABLE,
          ProbeCodes.IMAP_TIMEOUT,
          ProbeCodes.IMAP_PROTOCOL_ERROR,
          ProbeCodes.IMAP_OK);
  static final int MAX_RESPONSE_LINES = 200;

  private ImapProbe() {}

  public static ProbeResult probe(Connector connector, ProbeTarget target, ProbeOptions options) {
    ProbeRun run = new ProbeRun(target, options, CODES);
    Optional<Session> opened = run.connect(connector);
    if (opened.isEmpty()) {
      return run.result();
    }
    TlsScanner.Opener opener =
        target.service().implicitTls()
            ? () ->
                Session.open(
                    connector,
                    target.socketAddress(),
                    run.deadline,
                    new Transcript(System.nanoTime()))
            : TlsScanner.Opener.then(() -> starttlsPreamble(connector, run), "s2 CAPABILITY");
    String step = "greeting";
    try (Session s = opened.get()) {
      if (target.service().implicitTls()) {
        step = "TLS";
        if (!run.implicitTls(s, opener)) {
          return run.result();
        }
        step = "greeting";
      }
      String greeting = s.readLine();
      run.lap("bannerMs");
      run.facts.put("greeting", greeting);
      String g = greeting.toUpperCase(Locale.ROOT);
      if (g.startsWith("* BYE")) {
        run.add(
            Finding.of(
                    ProbeCodes.IMAP_UNAVAILABLE,
                    run.subject(),
                    target.label() + " greeted with " + greeting + ".")
                .withRemediation("Retry later; check the server's log.")
                .withEvidence(greeting));
        return run.result();
      }
      if (!g.startsWith("* OK") && !g.startsWith("* PREAUTH")) {
        throw new ProbeFailure(
            ProbeFailure.Kind.GARBAGE, "greeting is not * OK, * PREAUTH or * BYE");
      }
      step = "CAPABILITY";
      List<String> caps = capability(s, "a1");
      run.facts.put(target.service().implicitTls() ? "capabilitiesTls" : "capabilities", caps);
      if (!target.service().implicitTls()) {
        List<String> plain = plaintextAuth(caps);
        if (!plain.isEmpty()) {
          run.add(
              Finding.of(
                      ProbeCodes.IMAP_PLAINTEXT_AUTH,
                      run.subject(),
                      target.label()
                          + " allows "
                          + String.join(" and ", plain)
                          + " before TLS: passwords can cross the network in clear.")
                  .withRemediation(
                      "Dovecot: disable_plaintext_auth = yes (the server then announces LOGINDISABLED);"
                          + " clients should use port 993.")
                  .withEvidence("CAPABILITY " + String.join(" ", caps)));
        }
        if (caps.contains("STARTTLS")) {
          step = "STARTTLS";
          s.send("a2 STARTTLS");
          String r = tagged(s, "a2");
          if (!r.toUpperCase(Locale.ROOT).startsWith("A2 OK")) {
            run.tls = TlsReport.failed("STARTTLS answered " + r, false, 0);
            run.tlsFailed("after STARTTLS");
            return run.result();
          }
          step = "TLS";
          run.tls = TlsInspector.handshake(s, target, options);
          run.lap("tlsMs");
          if (!run.tls.established()) {
            run.tlsFailed("after STARTTLS");
            run.finishTls(opener);
            return run.result();
          }
          step = "CAPABILITY after TLS";
          run.facts.put("capabilitiesTls", capability(s, "a3"));
        } else {
          run.add(
              Finding.of(
                      ProbeCodes.IMAP_STARTTLS_MISSING,
                      run.subject(),
                      target.label()
                          + " does not offer STARTTLS: IMAP sessions on this port cannot be encrypted.")
                  .withRemediation(
                      "Configure TLS in the IMAP server (Dovecot: ssl = yes with ssl_cert/ssl_key), or close"
                          + " port 143 and serve IMAP on 993 only.")
                  .withEvidence("CAPABILITY " + String.join(" ", caps)));
        }
      }
      s.send("a9 LOGOUT");
      tagged(s, "a9");
    } catch (ProbeFailure f) {
      run.failed(step, f);
    }
    run.finishTls(opener);
    run.okIfClean(
        target.label()
            + " answers IMAP"
            + (run.tls != null ? " with " + run.tls.version() : "")
            + " and allows no clear-text passwords.");
    return run.result();
  }

  /** Sends CAPABILITY and returns the atoms, upper-case. */
  static List<String> capability(Session s, String tag) throws ProbeFailure {
    s.send(tag + " CAPABILITY");
    List<String> caps = new ArrayList<>();
    for (int i = 0; i < MAX_RESPONSE_LINES; i++) {
      String line = s.readLine();
      String u = line.toUpperCase(Locale.ROOT);
      if (u.startsWith("* CAPABILITY ")) {
        caps.addAll(parseCapabilities(line.substring("* CAPABILITY ".length())));
      } else if (u.startsWith(tag.toUpperCase(Locale.ROOT) + " ")) {
        return caps;
      }
    }
    throw new ProbeFailure(
        ProbeFailure.Kind.OVERSIZE, "no tagged answer within " + MAX_RESPONSE_LINES + " lines");
  }

  static List<String> parseCapabilities(String atoms) {
    return Arrays.stream(atoms.strip().split("\\s+"))
        .filter(a -> !a.isEmpty())
        .map(a -> a.toUpperCase(Locale.ROOT))
        .toList();
  }

  /** LOGIN allowed (no LOGINDISABLED) and AUTH=PLAIN/LOGIN: what sends passwords in clear. Pure. */
  static List<String> plaintextAuth(List<String> caps) {
    List<String> out = new ArrayList<>();
    if (!caps.contains("LOGINDISABLED")) {
      out.add("LOGIN");
    }
    for (String m : List.of("AUTH=PLAIN", "AUTH=LOGIN")) {
      if (caps.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String tagged(Session s, String tag) throws ProbeFailure {
    for (int i = 0; i < MAX_RESPONSE_LINES; i++) {
      String line = s.readLine();
      if (line.toUpperCase(Locale.ROOT).startsWith(tag.toUpperCase(Locale.ROOT) + " ")) {
        return line;
      }
    }
    throw new ProbeFailure(
        ProbeFailure.Kind.OVERSIZE, "no tagged answer within " + MAX_RESPONSE_LINES + " lines");
  }

  static Session starttlsPreamble(Connector connector, ProbeRun run) throws ProbeFailure {
    Session s =
        Session.open(
            connector, run.target.socketAddress(), run.deadline, new Transcript(System.nanoTime()));
    try {
      String g = s.readLine();
      if (!g.toUpperCase(Locale.ROOT).startsWith("* OK")) {
        throw new ProbeFailure(
            g.toUpperCase(Locale.ROOT).startsWith("* BYE")
                ? ProbeFailure.Kind.UNAVAILABLE
                : ProbeFailure.Kind.IO,
            "no * OK greeting: " + SmtpReply.abbreviate(g));
      }
      s.send("s1 STARTTLS");
      if (!tagged(s, "s1").toUpperCase(Locale.ROOT).startsWith("S1 OK")) {
        throw new ProbeFailure(ProbeFailure.Kind.IO, "STARTTLS refused");
      }
      return s;
    } catch (ProbeFailure f) {
      s.close();
      throw f;
    }
  }
}
