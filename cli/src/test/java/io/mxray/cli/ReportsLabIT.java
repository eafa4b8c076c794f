package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.feedback.AggregateReport;
import io.mxray.core.feedback.FeedbackIngest;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.FeedbackReport;
import io.mxray.core.feedback.FeedbackStore.MailTest;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.feedback.ReportFixtures;
import io.mxray.core.insight.DmarcInsight;
import io.mxray.core.insight.DmarcInsightAnalyzer;
import io.mxray.core.mailtest.RecipientPolicy;
import io.mxray.core.mailtest.TestMailAnalyzer;
import io.mxray.web.ReportHost;
import io.mxray.web.SmtpReceiver;
import io.mxray.web.TlsKeys;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report flow through real servers (scripts/lab.d/40-reports.sh): the lab's Postfix delivers a
 * report and a test message to mxray's receiver over mandatory STARTTLS; 'mxray report fetch' pulls
 * reports from the lab's Dovecot over STARTTLS and implicit TLS; the readiness verdict names the
 * failing sources of the fixture domain.
 */
class ReportsLabIT {

  @TempDir Path dir;

  static final Path ZONES = CliHarness.repoRoot().resolve("core/src/test/resources/zones/insight");

  static ZoneFileDnsClient zones() {
    return ZoneFileDnsClient.builder()
        .zoneFile(ZONES.resolve("lab.zone"))
        .zoneFile(ZONES.resolve("vendor.zone"))
        .zoneFile(ZONES.resolve("reverse.zone"))
        .build();
  }

  /** One SMTP transaction, reply codes checked. */
  static void smtp(String host, int port, String from, String to, String message) throws Exception {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(20_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      expect(in, "220");
      for (String[] step :
          new String[][] {
            {"EHLO client.lab.example", "250"},
            {"MAIL FROM:<" + from + ">", "250"},
            {"RCPT TO:<" + to + ">", "250"},
            {"DATA", "354"}
          }) {
        out.write((step[0] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        expect(in, step[1]);
      }
      out.write((message + "\r\n.\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      expect(in, "250");
      out.write("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  static void expect(BufferedReader in, String code) throws Exception {
    String line;
    do {
      line = in.readLine();
      assertThat(line).as("reply").isNotNull().startsWith(code);
    } while (line.length() > 3 && line.charAt(3) == '-');
  }

  static String reportMail(String to, String type, String file, byte[] body) {
    return "From: noreply-dmarc-support@receiver.example\r\nTo: "
        + to
        + "\r\nSubject: Report Domain: lab.example Submitter: receiver.example\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nReport.\r\n"
        + "--b\r\nContent-Type: "
        + type
        + "; name=\""
        + file
        + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + java.util.Base64.getMimeEncoder().encodeToString(body)
        + "\r\n--b--";
  }

  @Test
  void postfixDeliversReportsAndTestMessagesToTheReceiverOverStartTls() throws Exception {
    String mta = Lab.require("LAB_REPORTS_MTA");
    int mtaPort = Integer.parseInt(Lab.require("LAB_REPORTS_MTA_PORT"));
    String receiverIp = Lab.require("LAB_REPORTS_RECEIVER");
    int receiverPort = Integer.parseInt(Lab.require("LAB_REPORTS_RECEIVER_PORT"));
    Clock clock = Clock.systemUTC();
    StringWriter log = new StringWriter();
    try (JdbcFeedbackStore store = JdbcFeedbackStore.sqlite(dir, new FeedbackReader())) {
      ReportHost host =
          new ReportHost(
              new FeedbackIngest(
                  new FeedbackReader(), store, Optional.empty(), Optional.empty(), a -> "", clock),
              new RecipientPolicy(
                  List.of("dmarc@lab.example", "tlsrpt@lab.example"), "t.lab.example"),
              Duration.ofMinutes(10),
              new TestMailAnalyzer(zones(), clock),
              clock);
      try (SmtpReceiver receiver =
          SmtpReceiver.start(
              receiverIp,
              receiverPort,
              "reports.lab.example",
              TlsKeys.fromPem(
                  Path.of(Lab.require("LAB_REPORTS_CERT")),
                  Path.of(Lab.require("LAB_REPORTS_KEY"))),
              SmtpReceiver.Limits.defaults(),
              host,
              clock,
              new PrintWriter(log, true))) {
        smtp(
            mta,
            mtaPort,
            "noreply-dmarc-support@receiver.example",
            "dmarc@lab.example",
            reportMail(
                "dmarc@lab.example",
                "application/gzip",
                "r.xml.gz",
                ReportFixtures.gzip(ReportFixtures.bytes("insight.xml"))));
        smtp(
            mta,
            mtaPort,
            "tls-reports@sender.example",
            "tlsrpt@lab.example",
            reportMail(
                "tlsrpt@lab.example",
                "application/tlsrpt+gzip",
                "r.json.gz",
                ReportFixtures.gzip(ReportFixtures.bytes("tlsrpt.json"))));
        MailTest t = host.newTest();
        smtp(
            mta,
            mtaPort,
            "alice@lab.example",
            t.address(),
            "From: Alice <alice@lab.example>\r\nTo: "
                + t.address()
                + "\r\nSubject: lab test\r\nDate: Wed, 3 Dec 2025 10:00:00 +0000\r\nMessage-ID: <lab-1@lab.example>\r\n\r\nHello from the lab.");
        // Postfix queues, then delivers to the receiver: wait for both.
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)
            && (store.list("lab.example", Instant.EPOCH, 10).size() < 2
                || !host.testDocument(t.token())
                    .orElseThrow()
                    .get("status")
                    .asText()
                    .equals("received"))) {
          Thread.sleep(250);
        }
        assertThat(store.list("lab.example", Instant.EPOCH, 10))
            .as("reports stored; postfix log: %s", tail(Lab.env().get("LAB_REPORTS_MAILLOG")))
            .hasSize(2);
        JsonNode doc = host.testDocument(t.token()).orElseThrow();
        assertThat(doc.get("status").asText()).isEqualTo("received");
        JsonNode r = doc.get("result");
        assertThat(r.get("envelope").get("remoteIp").asText()).isEqualTo(mta);
        assertThat(r.get("envelope").get("helo").asText()).isEqualTo("reports-mta.lab.example");
        assertThat(r.get("tls").get("protocol").asText()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(r.get("tls").get("cipher").asText()).isNotEmpty();
        // The hop table has Postfix's hop (from the test client) and the receiver's.
        assertThat(r.get("message").get("hops").size()).isEqualTo(2);
        assertThat(r.get("findings").toString())
            .contains("mailtest.tls-ok")
            .doesNotContain("mailtest.no-tls");

        List<AggregateReport> agg =
            store
                .reports(
                    FeedbackReport.Kind.DMARC_AGGREGATE,
                    "lab.example",
                    Instant.EPOCH,
                    Instant.now())
                .stream()
                .map(x -> (AggregateReport) x)
                .toList();
        DmarcInsight insight =
            new DmarcInsightAnalyzer(zones(), clock)
                .analyze("lab.example", agg, Instant.EPOCH, Instant.now());
        assertThat(insight.verdict()).isEqualTo(DmarcInsight.Verdict.NOT_READY);
        assertThat(insight.blocking())
            .containsExactly("198.51.100.7", "203.0.113.50", "203.0.113.80");
      }
    }
  }

  static String tail(String file) {
    try {
      List<String> l = Files.readAllLines(Path.of(file));
      return String.join("\n", l.subList(Math.max(0, l.size() - 15), l.size()));
    } catch (Exception e) {
      return "(no log)";
    }
  }

  @Test
  void fetchesReportsFromTheLabMailboxOverStartTlsAndImplicitTls() throws Exception {
    String imap = Lab.require("LAB_REPORTS_IMAP");
    String port = Lab.require("LAB_REPORTS_IMAP_PORT");
    String imaps = Lab.require("LAB_REPORTS_IMAPS_PORT");
    String user = Lab.require("LAB_REPORTS_IMAP_USER");
    String passwordFile = Lab.require("LAB_REPORTS_IMAP_PASSWORD_FILE");
    String ca = Lab.require("LAB_MAIL_CA");
    String password = Files.readAllLines(Path.of(passwordFile)).get(0);
    // Put three messages in the mailbox: an aggregate report, a TLS report, a failure report.
    Properties p = new Properties();
    p.put("mail.imap.starttls.enable", "true");
    p.put("mail.imap.starttls.required", "true");
    p.put("mail.imap.ssl.trust", imap);
    Session session = Session.getInstance(p);
    try (Store store = session.getStore("imap")) {
      store.connect(imap, Integer.parseInt(port), user, password);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      for (jakarta.mail.Message m : inbox.getMessages()) {
        m.setFlag(Flags.Flag.DELETED, true);
      }
      inbox.close(true);
      inbox.appendMessages(
          new jakarta.mail.Message[] {
            message(
                session,
                reportMail(
                    "dmarc@lab.example",
                    "application/zip",
                    "r.zip",
                    ReportFixtures.zip("r.xml", ReportFixtures.bytes("rfc7489.xml")))),
            message(
                session,
                reportMail(
                    "tlsrpt@lab.example",
                    "application/tlsrpt+json",
                    "r.json",
                    ReportFixtures.bytes("tlsrpt-loose.json"))),
            message(
                session, new String(ReportFixtures.bytes("arf.eml"), StandardCharsets.ISO_8859_1))
          });
    }
    CliHarness.Run first =
        CliHarness.run(
            "report",
            "fetch",
            "--imap-host",
            imap,
            "--imap-port",
            port,
            "--security",
            "starttls",
            "--ca-file",
            ca,
            "--user",
            user,
            "--password-file",
            passwordFile,
            "--data-dir",
            dir.toString(),
            "--move-to",
            "Processed");
    assertThat(first.exitCode()).as(first.err()).isIn(0, 1);
    assertThat(first.out())
        .contains("fetched 3 message(s): 3 report(s) stored, 0 duplicate(s), 0 without a report");
    CliHarness.Run again =
        CliHarness.run(
            "report",
            "fetch",
            "--imap-host",
            imap,
            "--imap-port",
            imaps,
            "--security",
            "tls",
            "--ca-file",
            ca,
            "--user",
            user,
            "--password-file",
            passwordFile,
            "--data-dir",
            dir.toString(),
            "--folder",
            "Processed",
            "--all");
    assertThat(again.out())
        .as(again.err())
        .contains("fetched 3 message(s): 0 report(s) stored, 3 duplicate(s)");
    CliHarness.Run wrong =
        CliHarness.run(
            "report",
            "fetch",
            "--imap-host",
            imap,
            "--imap-port",
            imaps,
            "--security",
            "tls",
            "--user",
            user,
            "--password-file",
            passwordFile,
            "--data-dir",
            dir.toString());
    assertThat(wrong.exitCode()).isEqualTo(64); // the lab CA is not trusted without --ca-file
    assertThat(wrong.err()).contains("cannot log in");
  }

  private static MimeMessage message(Session s, String text) throws Exception {
    return new MimeMessage(s, new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
