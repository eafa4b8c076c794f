package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.net.PlainConnector;
import io.mxray.core.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POP3 and IMAP dialogues against scripted servers, and their pure capability rules. */
class Pop3ImapProbeTest {

  static final ProbeOptions OPTIONS =
      ProbeOptions.defaults(Fixtures.CLOCK)
          .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
          .withTlsScan(false);

  private static ProbeResult probe(ScriptedServer s, Service service) {
    return new Prober(new PlainConnector(), OPTIONS)
        .probe(new ProbeTarget("mail.fake.example", s.address(), s.port(), service, List.of()));
  }

  static ScriptedServer.Script pop3(String greeting, List<String> capa) {
    return c -> {
      c.send(greeting);
      String line;
      while ((line = c.read()) != null) {
        if (line.equals("CAPA")) {
          c.send("+OK");
          for (String l : capa) {
            c.send(l);
          }
          c.send(".");
        } else if (line.equals("QUIT")) {
          c.send("+OK bye");
          return;
        } else {
          c.send("-ERR unknown");
        }
      }
    };
  }

  @Test
  void reportsPop3PlaintextAuthApopAndMissingStls() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            pop3(
                "+OK ready <1896.697170952@dbc.fake.example>",
                List.of("TOP", "USER", "SASL PLAIN")))) {
      ProbeResult r = probe(s, Service.POP3);
      assertThat(r.codes())
          .containsExactlyInAnyOrder("pop3.plaintext-auth", "pop3.apop", "pop3.stls-missing");
      assertThat(r.facts().get("apop")).isEqualTo(true);
    }
  }

  @Test
  void reportsImapLoginAllowedWithoutTlsAndMissingStarttls() throws Exception {
    ScriptedServer.Script imap =
        c -> {
          c.send("* OK fake IMAP ready");
          String line;
          while ((line = c.read()) != null) {
            String tag = line.split(" ")[0];
            if (line.endsWith("CAPABILITY")) {
              c.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN ID");
              c.send(tag + " OK done");
            } else if (line.endsWith("LOGOUT")) {
              c.send("* BYE");
              c.send(tag + " OK bye");
              return;
            }
          }
        };
    try (ScriptedServer s = new ScriptedServer(imap)) {
      ProbeResult r = probe(s, Service.IMAP);
      assertThat(r.codes())
          .containsExactlyInAnyOrder("imap.plaintext-auth", "imap.starttls-missing");
      assertThat(r.facts().get("capabilities")).isEqualTo(List.of("IMAP4REV1", "AUTH=PLAIN", "ID"));
    }
  }

  @Test
  void pop3PlaintextRulesNameUserAndSaslPlainButNotScram() {
    assertThat(Pop3Probe.plaintextAuth(List.of("USER", "SASL PLAIN LOGIN SCRAM-SHA-256")))
        .containsExactly("USER/PASS", "SASL PLAIN", "SASL LOGIN");
    assertThat(Pop3Probe.plaintextAuth(List.of("STLS", "SASL SCRAM-SHA-256"))).isEmpty();
  }

  @Test
  void imapLoginDisabledMeansNoPlaintextLogin() {
    assertThat(ImapProbe.plaintextAuth(List.of("IMAP4REV1", "STARTTLS", "LOGINDISABLED")))
        .isEmpty();
    assertThat(
            ImapProbe.plaintextAuth(
                List.of("IMAP4REV1", "STARTTLS", "LOGINDISABLED", "AUTH=PLAIN")))
        .containsExactly("AUTH=PLAIN");
    assertThat(ImapProbe.plaintextAuth(List.of("IMAP4REV1"))).containsExactly("LOGIN");
  }

  @Test
  void apopTimestampIsRecognisedOnlyInAngleBrackets() {
    assertThat(
            Pop3Probe.APOP
                .matcher("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
                .find())
        .isTrue();
    assertThat(Pop3Probe.APOP.matcher("+OK Dovecot (Debian) ready.").find()).isFalse();
  }
}
