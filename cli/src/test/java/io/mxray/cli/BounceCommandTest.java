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

  /** A qmail-style bounce whose recipient has a 6 kB domain (3,000 labels). */
  static String hostileBounce() {
    return "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: failure notice\n\n"
        + "Hi. This is the qmail-send program at mx.example.net.\n\n"
        + "<someone@"
        + "a.".repeat(3000)
        + "example>:\nSorry, no mailbox here by that name. (#5.1.1)\n";
  }

  /**
   * Before the fix the middle message overflowed the stack (java.lang.StackOverflowError): the run
   * ended there with a JVM stack trace and the third message was never explained.
   */
  @Test
  void aHostileMessageInAnMboxNeitherCrashesNorEndsTheRun(@TempDir Path dir) throws IOException {
    Path in = Files.createDirectory(dir.resolve("in"));
    String mbox =
        "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
            + DSN.replace("\r\n", "\n")
            + "\nFrom MAILER-DAEMON Mon Nov 23 10:30:00 2026\n"
            + hostileBounce()
            + "\nFrom MAILER-DAEMON Mon Nov 23 11:00:00 2026\n"
            + DSN.replace("\r\n", "\n");
    Files.writeString(in.resolve("inbox.mbox"), mbox);

    Run r = run("bounce", "--dir", in.toString(), "--format", "jsonl");

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(Json.mapper().readTree(lines.get(1)).get("type").asText()).isEqualTo("bounce");
    assertThat(Json.mapper().readTree(lines.get(2)).get("recipients")).hasSize(2);
    assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
    assertThat(r.err()).doesNotContain("at io.mxray");
  }

  @Test
  void aMessageTheExplainerCannotHandleBecomesAnErrorLineAndTheRunGoesOn(@TempDir Path dir)
      throws IOException {
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.writeString(in.resolve("a.eml"), DSN);
    Files.writeString(in.resolve("b.eml"), "Subject: poison\n\nboom\n");
    Files.writeString(in.resolve("c.eml"), DSN);
    io.mxray.core.bounce.BounceExplainer real = new io.mxray.core.bounce.BounceExplainer();
    BounceCommand cmd =
        new BounceCommand(
            bytes -> {
              if (new String(bytes, StandardCharsets.UTF_8).contains("poison")) {
                throw new StackOverflowError();
              }
              return real.explain(bytes);
            });
    StringWriter out = new StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(cmd);
    cl.setOut(new PrintWriter(out));

    int exit = cl.execute("--dir", in.toString(), "--format", "jsonl");

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode error = Json.mapper().readTree(lines.get(1));
    assertThat(error.get("type").asText()).isEqualTo("bounce-error");
    assertThat(error.get("file").asText()).endsWith("b.eml");
    assertThat(error.get("error").asText()).contains("StackOverflowError");
    assertThat(Json.mapper().readTree(lines.get(2)).get("recipients")).hasSize(2);
    assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
  }

  @Test
  void givesEachRecipientTheDetailsAListManagerNeeds(@TempDir Path dir) throws IOException {
    String dsn =
        DSN.replace(
                "Final-Recipient: rfc822; nobody@example.com",
                "Original-Recipient: rfc822; sales@example.com\r\nFinal-Recipient: rfc822; nobody@example.com")
            .replace(
                "--B--",
                "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: News <news@example.org>\r\n"
                    + "Subject: Spring\r\nMessage-ID: <n1@example.org>\r\nList-Id: News <news.example.org>\r\n"
                    + "\r\n--B--")
            .replace(
                "Subject: Undelivered",
                "Date: Mon, 6 Apr 2026 09:05:00 +0000\r\nSubject: Undelivered");
    Path f = Files.writeString(dir.resolve("b.eml"), dsn);

    JsonNode r = Json.mapper().readTree(run("bounce", "--format", "json", f.toString()).out());

    JsonNode first = r.get("recipients").get(0);
    assertThat(first.get("originalRecipient").asText()).isEqualTo("sales@example.com");
    assertThat(first.get("messageId").asText()).isEqualTo("n1@example.org");
    assertThat(first.get("sender").asText()).isEqualTo("news@example.org");
    assertThat(first.get("originalSubject").asText()).isEqualTo("Spring");
    assertThat(first.get("listId").asText()).isEqualTo("news.example.org");
    assertThat(first.get("date").asText()).isEqualTo("2026-04-06T09:05:00Z");
    assertThat(first.get("reportingMta").asText()).isEqualTo("mx.example.net");
    assertThat(first.get("command").isNull()).isTrue();
    assertThat(first.get("dedupKey").asText()).matches("[0-9a-f]{32}");
    assertThat(r.get("recipients").get(1).get("dedupKey").asText())
        .isNotEqualTo(first.get("dedupKey").asText());
  }

  @Test
  void writesAnHtmlReportOfOneBounce(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("b.eml"), DSN);

    Run r = run("bounce", "--format", "html", f.toString());

    assertThat(r.out()).startsWith("<!DOCTYPE html>").contains("Hard bounce", "nobody@example.com");
    assertThat(run("bounce", "--dir", dir.toString(), "--format", "html").exit())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void explainsMicrosoftCodesInMicrosoftsWords() throws IOException {
    JsonNode ip =
        Json.mapper()
            .readTree(
                run(
                        "explain",
                        "-f",
                        "json",
                        "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.")
                    .out());
    JsonNode dbeb = Json.mapper().readTree(run("explain", "-f", "json", "5.4.1").out());

    assertThat(ip.get("recipients").get(0).get("rule").asText())
        .isEqualTo("vendor:ms-ip-reputation");
    assertThat(ip.get("recipients").get(0).get("reason").asText()).isEqualTo("badreputation");
    assertThat(dbeb.get("codes").get("status").get("vendorMeanings").get(0).get("rule").asText())
        .isEqualTo("vendor:ms-dbeb-5.4.1");
  }
}
