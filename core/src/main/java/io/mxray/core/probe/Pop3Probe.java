package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import io.mxray.core.net.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The POP3 dialogue on 110 and 995 (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS): greeting (APOP
 * timestamp), CAPA, STLS, CAPA again, QUIT. Judges whether passwords may be sent before TLS (USER
 * or SASL PLAIN/LOGIN).
 */
public final class Pop3Probe {

  static final ProbeRun.Codes CODES =
      new ProbeRun.Codes(
          ProbeCodes.POP3_UNREACHABLE,
          ProbeCodes.POP3_TIMEOUT,
          ProbeCodes.POP3_PROTOCOL_ERROR,
          ProbeCodes.POP3_OK);

  /** The APOP timestamp: a msg-id in angle brackets (RFC 1939 §7). */
  static final Pattern APOP = Pattern.compile("<[^<>@\\s]+@[^<>\\s]+>");

  static final int MAX_CAPA = 100;

  private Pop3Probe() {}

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
            : TlsScanner.Opener.then(() -> stlsPreamble(connector, run), "CAPA");
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
      if (!greeting.startsWith("+OK")) {
        if (greeting.startsWith("-ERR")) {
          run.add(
              Finding.of(
                      ProbeCodes.POP3_UNAVAILABLE,
                      run.subject(),
                      target.label() + " greeted with " + greeting + ".")
                  .withRemediation("Retry later; check the server's log.")
                  .withEvidence(greeting));
          return run.result();
        }
        throw new ProbeFailure(ProbeFailure.Kind.GARBAGE, "greeting is neither +OK nor -ERR");
      }
      boolean apop = APOP.matcher(greeting).find();
      run.facts.put("apop", apop);
      if (apop) {
        run.add(
            Finding.of(
                    ProbeCodes.POP3_APOP,
                    run.subject(),
                    target.label()
                        + " offers APOP (timestamp in the"
                        + " greeting). APOP uses MD5, which RFC 6331 retired, and needs passwords stored in clear on the server.")
                .withRemediation(
                    "Dovecot: remove apop from auth_mechanisms; use USER/PASS or SASL over TLS instead.")
                .withEvidence(greeting));
      }
      step = "CAPA";
      List<String> capa = capa(s);
      run.facts.put(target.service().implicitTls() ? "capabilitiesTls" : "capabilities", capa);
      if (!target.service().implicitTls()) {
        List<String> plain = plaintextAuth(capa);
        if (!plain.isEmpty()) {
          run.add(
              Finding.of(
                      ProbeCodes.POP3_PLAINTEXT_AUTH,
                      run.subject(),
                      target.label()
                          + " allows "
                          + String.join(" and ", plain)
                          + " before TLS: passwords can cross the network in clear.")
                  .withRemediation(
                      "Dovecot: disable_plaintext_auth = yes (ssl = required on 2.3). Clients should use port 995.")
                  .withEvidence("CAPA: " + String.join(" ", capa)));
        }
        if (capa.stream().anyMatch(c -> c.equalsIgnoreCase("STLS"))) {
          step = "STLS";
          s.send("STLS");
          String r = s.readLine();
          if (!r.startsWith("+OK")) {
            run.tls = TlsReport.failed("STLS answered " + r, false, 0);
            run.tlsFailed("after STLS");
            return run.result();
          }
          step = "TLS";
          run.tls = TlsInspector.handshake(s, target, options);
          run.lap("tlsMs");
          if (!run.tls.established()) {
            run.tlsFailed("after STLS");
            run.finishTls(opener);
            return run.result();
          }
          step = "CAPA after TLS";
          run.facts.put("capabilitiesTls", capa(s));
        } else {
          run.add(
              Finding.of(
                      ProbeCodes.POP3_STLS_MISSING,
                      run.subject(),
                      target.label()
                          + " does not offer STLS:"
                          + " POP3 sessions on this port cannot be encrypted.")
                  .withRemediation(
                      "Configure TLS in the POP3 server (Dovecot: ssl = yes with ssl_cert/ssl_key), or close"
                          + " port 110 and serve POP3 on 995 only.")
                  .withEvidence("CAPA: " + String.join(" ", capa)));
        }
      }
      s.send("QUIT");
      s.readLine();
    } catch (ProbeFailure f) {
      run.failed(step, f);
    }
    run.finishTls(opener);
    run.okIfClean(
        target.label()
            + " answers POP3"
            + (run.tls != null ? " with " + run.tls.version() : "")
            + " and allows no clear-text passwords.");
    return run.result();
  }

  /** CAPA's lines, or empty when the server does not know CAPA. */
  static List<String> capa(Session s) throws ProbeFailure {
    s.send("CAPA");
    String first = s.readLine();
    List<String> out = new ArrayList<>();
    if (!first.startsWith("+OK")) {
      return out;
    }
    while (true) {
      String line = s.readLine();
      if (line.equals(".")) {
        return out;
      }
      if (out.size() >= MAX_CAPA) {
        throw new ProbeFailure(ProbeFailure.Kind.OVERSIZE, "more than " + MAX_CAPA + " CAPA lines");
      }
      out.add(line.startsWith("..") ? line.substring(1) : line);
    }
  }

  /** What in a CAPA list sends passwords in clear: USER, SASL PLAIN, SASL LOGIN. Pure. */
  static List<String> plaintextAuth(List<String> capa) {
    List<String> out = new ArrayList<>();
    for (String c : capa) {
      String[] w = c.toUpperCase(Locale.ROOT).split("\\s+");
      if (w[0].equals("USER")) {
        out.add("USER/PASS");
      } else if (w[0].equals("SASL")) {
        for (int i = 1; i < w.length; i++) {
          if (w[i].equals("PLAIN") || w[i].equals("LOGIN")) {
            out.add("SASL " + w[i]);
          }
        }
      }
    }
    return out;
  }

  static Session stlsPreamble(Connector connector, ProbeRun run) throws ProbeFailure {
    Session s =
        Session.open(
            connector, run.target.socketAddress(), run.deadline, new Transcript(System.nanoTime()));
    try {
      String g = s.readLine();
      if (!g.startsWith("+OK")) {
        throw new ProbeFailure(
            g.startsWith("-ERR") ? ProbeFailure.Kind.UNAVAILABLE : ProbeFailure.Kind.IO,
            "no +OK greeting: " + SmtpReply.abbreviate(g));
      }
      s.send("STLS");
      if (!s.readLine().startsWith("+OK")) {
        throw new ProbeFailure(ProbeFailure.Kind.IO, "STLS refused");
      }
      return s;
    } catch (ProbeFailure f) {
      s.close();
      throw f;
    }
  }
}
