package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.reports.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BounceCommandTest {

  static final String DSN =
      String.join(
          "\r\n",
          "Return-Path: <>",
          "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
          "To: sender@example.org",
          "Subject: Undelivered Mail Returned to Sender",
          "MIME-Version: 1.0",
          "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
          "",
          "--B",
          "Content-Type: text/plain",
          "",
          "<nobody@example.com>: host mail.example.com[192.0.2.10] said: 550 5.1.1 User unknown",
          "--B",
          "Content-Type: message/delivery-status",
          "",
          "Reporting-MTA: dns; mx.example.net",
          "",
          "Final-Recipient: rfc822; nobody@example.com",
          "Action: failed",
          "Status: 5.1.1",
          "Remote-MTA: dns; mail.example.com",
          "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
          "",
          "Final-Recipient: rfc822; full@example.com",
          "Action: failed",
          "Status: 5.2.2",
          "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
          "",
          "--B--",
          "");

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void explainsABounceFileAsJsonWithOneObjectPerRecipient(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("b.eml"), DSN);

    Run r = run("bounce", "--format", "json", f.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    JsonNode rs = doc.get("recipients");
    assertThat(rs).hasSize(2);
    assertThat(rs.get(0).get("address").asText()).isEqualTo("nobody@example.com");
    assertThat(rs.get(0).get("reason").asText()).isEqualTo("userunknown");
    assertThat(rs.get(0).get("hardBounce").asBoolean()).isTrue();
    assertThat(rs.get(0).get("replyCode").asInt()).isEqualTo(550);
    assertThat(rs.get(0).get("remoteMta").asText()).isEqualTo("mail.example.com");
    assertThat(rs.get(0).get("rule").asText()).isNotBlank();
    assertThat(rs.get(0).get("advice").get("sender").asText()).isNotBlank();
    assertThat(rs.get(1).get("reason").asText()).isEqualTo("mailboxfull");
    assertThat(doc.get("findings").get(0).get("code").asText()).isEqualTo("bounce.hard");
  }

  @Test
  void classifiesEveryFileAndMboxMessageOfADirectoryAsJsonLines(@TempDir Path dir)
      throws IOException {
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.writeString(in.resolve("a.eml"), DSN);
    String mbox =
        "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
            + DSN.replace("\r\n", "\n")
            + "\n"
            + "From MAILER-DAEMON Mon Nov 23 11:00:00 2026\n"
            + DSN.replace("\r\n", "\n");
    Files.writeString(in.resolve("b.mbox"), mbox);
    Files.write(in.resolve("c.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8});

    Run r = run("bounce", "--dir", in.toString(), "--format", "jsonl");

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("file").asText()).isEqualTo(in.resolve("a.eml").toString());
    assertThat(first.get("recipients")).hasSize(2);
    assertThat(first.get("recipients").get(0).get("address").asText())
        .isEqualTo("nobody@example.com");
    JsonNode second = Json.mapper().readTree(lines.get(1));
    assertThat(second.get("file").asText()).isEqualTo(in.resolve("b.mbox").toString());
    assertThat(second.get("message").asInt()).isEqualTo(1);
    assertThat(Json.mapper().readTree(lines.get(2)).get("message").asInt()).isEqualTo(2);
    JsonNode junk = Json.mapper().readTree(lines.get(3));
    assertThat(junk.get("kind").asText()).isEqualTo("unreadable");
    assertThat(junk.get("findings").get(0).get("code").asText()).isEqualTo("bounce.unreadable");
  }

  @Test
  void explainsInPlainLanguageOnStandardInput() {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(DSN.getBytes(StandardCharsets.UTF_8)));
      Run r = run("bounce", "-");
      assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
      assertThat(r.out()).contains("nobody@example.com", "HARD BOUNCE", "userunknown", "Rule:");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void rejectsMissingInputWithAUsageError() {
    Run r = run("bounce");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("give exactly one of");
  }

  @Test
  void explainsAReplyCodeAndStatus() throws IOException {
    Run r = run("explain", "--format", "json", "550", "5.1.1");

    assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.get("codes").get("status").get("title").asText())
        .isEqualTo("Bad destination mailbox address");
    assertThat(doc.get("codes").get("reply").get("code").asText()).isEqualTo("550");
    assertThat(doc.get("recipients").get(0).get("reason").asText()).isEqualTo("userunknown");
  }

  @Test
  void explainsAVendorReplyLine() throws IOException {
    Run r =
        run(
            "explain",
            "-f",
            "json",
            "421 4.7.28 Our system has detected an unusual rate of unsolicited mail");

    assertThat(r.exit()).isEqualTo(ExitCodes.WARN);
    assertThat(Json.mapper().readTree(r.out()).get("recipients").get(0).get("reason").asText())
        .isEqualTo("speeding");
  }

  @Test
  void saysWhenItCannotExplainACode() {
    Run r = run("explain", "999");

    assertThat(r.exit()).isEqualTo(ExitCodes.INCONCLUSIVE);
    assertThat(r.out()).contains("bounce.unknown-code");
  }
}
