package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import io.mxray.reports.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbound receiver: reports and test messages over real SMTP on loopback, STARTTLS, and
 * everything else refused — never an open relay.
 */
class SmtpReceiverTest {

  @TempDir Path dir;

  static String reportMail(byte[] gz) {
    return "From: noreply-dmarc-support@receiver.example\r\n"
        + "To: dmarc@lab.example\r\n"
        + "Subject: Report Domain: lab.example Submitter: receiver.example\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: application/gzip; name=\"r.xml.gz\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder().encodeToString(gz)
        + "\r\n";
  }

  static byte[] gzip(byte[] b) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(out)) {
      g.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void refusesEveryRecipientItIsNotForSoItIsNeverARelay() throws Exception {
    try (ReportTestServer s = new ReportTestServer(dir, ReportTestServer.zones());
        SmtpClient c = new SmtpClient(s.smtp.port())) {
      assertThat(c.reply()).startsWith("220");
      assertThat(c.send("EHLO client.example")).startsWith("250").contains("STARTTLS");
      assertThat(c.send("MAIL FROM:<a@client.example>")).startsWith("250");
      for (String victim :
          new String[] {
            "victim@elsewhere.example",
            "postmaster@lab.example",
            "dmarc%elsewhere.example@lab.example",
            "@lab.example:victim@elsewhere.example",
            "test-aaaaaaaaaaaaaaaaaaaaaaaa@t.lab.example"
          }) {
        assertThat(c.send("RCPT TO:<" + victim + ">")).as(victim).startsWith("550");
      }
      assertThat(c.send("DATA")).startsWith("503");
      assertThat(c.send("QUIT")).startsWith("221");
    }
  }

  @Test
  void takesAReportOverStartTlsAndStoresIt() throws Exception {
    try (ReportTestServer s = new ReportTestServer(dir, ReportTestServer.zones());
        SmtpClient c = new SmtpClient(s.smtp.port())) {
      c.reply();
      c.send("EHLO sender.example");
      assertThat(c.startTls()).startsWith("TLSv1.");
      c.send("EHLO sender.example");
      assertThat(c.send("MAIL FROM:<noreply@receiver.example>")).startsWith("250");
      assertThat(c.send("RCPT TO:<dmarc@lab.example>")).startsWith("250");
      assertThat(c.send("DATA")).startsWith("354");
      byte[] gz = gzip(ReportTestServer.fixture("rfc7489.xml"));
      c.raw(reportMail(gz).getBytes(StandardCharsets.US_ASCII));
      assertThat(c.send(".")).startsWith("250");
      c.send("QUIT");
      assertThat(s.store.list("lab.example", java.time.Instant.EPOCH, 10)).hasSize(1);
    }
  }

  @Test
  void refusesMessagesOverTheSizeLimit() throws Exception {
    try (ReportTestServer s = new ReportTestServer(dir, ReportTestServer.zones());
        SmtpClient c = new SmtpClient(s.smtp.port())) {
      c.reply();
      assertThat(c.send("EHLO sender.example")).contains("SIZE");
      c.send("MAIL FROM:<a@sender.example>");
      c.send("RCPT TO:<dmarc@lab.example>");
      c.send("DATA");
      byte[] big =
          ("Subject: x\r\n\r\n" + "x".repeat(80) + "\r\n")
              .repeat(1200)
              .getBytes(StandardCharsets.US_ASCII);
      c.raw(big);
      assertThat(c.send(".")).startsWith("552");
    }
  }

  @Test
  void analysesAMessageSentToAOneTimeTestAddress() throws Exception {
    try (ReportTestServer s = new ReportTestServer(dir, ReportTestServer.zones())) {
      var created = s.post("/api/v1/tests", new byte[0]);
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode t = Json.mapper().readTree(created.body());
      Schemas.assertValid("mailtest.schema.json", t);
      assertThat(t.get("status").asText()).isEqualTo("pending");
      String address = t.get("address").asText();
      assertThat(address).matches("test-[a-z2-7]{24}@t\\.lab\\.example");
      try (SmtpClient c = new SmtpClient(s.smtp.port())) {
        c.reply();
        c.send("EHLO mail.lab.example");
        c.startTls();
        c.send("EHLO mail.lab.example");
        c.send("MAIL FROM:<alice@lab.example>");
        assertThat(c.send("RCPT TO:<" + address + ">")).startsWith("250");
        c.send("DATA");
        c.raw(
            ("From: Alice <alice@lab.example>\r\nTo: "
                    + address
                    + "\r\nSubject: test\r\nDate: Wed, 3 Dec 2025 09:59:58 +0000\r\nMessage-ID: <t1@lab.example>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(c.send(".")).startsWith("250");
        // One message per address.
        c.send("MAIL FROM:<alice@lab.example>");
        assertThat(c.send("RCPT TO:<" + address + ">")).startsWith("550");
      }
      JsonNode r = Json.mapper().readTree(s.get(t.get("resultUrl").asText()).body());
      Schemas.assertValid("mailtest.schema.json", r);
      assertThat(r.get("status").asText()).isEqualTo("received");
      JsonNode res = r.get("result");
      assertThat(res.get("envelope").get("remoteIp").asText()).isEqualTo("127.0.0.1");
      assertThat(res.get("envelope").get("helo").asText()).isEqualTo("mail.lab.example");
      assertThat(res.get("tls").get("protocol").asText()).startsWith("TLSv1.");
      // Loopback is not in lab.example's SPF: the analysis says so on the real connecting address.
      assertThat(res.get("spf").get("mailFrom").get("result").asText()).isEqualTo("fail");
      assertThat(res.get("dmarc").get("result").asText()).isEqualTo("fail");
      assertThat(res.get("message").get("hops").size()).isEqualTo(1);
      assertThat(s.get("/api/v1/tests/zzzzzzzzzzzzzzzzzzzzzzzz").statusCode()).isEqualTo(404);
      assertThat(s.get("/api/v1/tests/NOPE").statusCode()).isEqualTo(400);
    }
  }
}
