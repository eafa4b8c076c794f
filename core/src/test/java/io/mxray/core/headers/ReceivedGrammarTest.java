package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table of Received lines by grammar family ({@code received/received-grammar.txt}): every line
 * written from the standard or the MTA's documented format, every field expected. The table must
 * pass in full.
 */
class ReceivedGrammarTest {

  static final List<String> FIELDS =
      List.of(
          "helo", "rdns", "ip", "port", "ident", "by", "proto", "tls", "tlsver", "cipher", "id",
          "for", "auth", "date");

  record Case(String family, String source, String header, Map<String, String> expected) {}

  static List<Case> cases() throws IOException {
    List<String> lines;
    try (InputStream in =
        ReceivedGrammarTest.class.getResourceAsStream("/received/received-grammar.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<Case> out = new ArrayList<>();
    String family = "";
    String source = "";
    StringBuilder header = null;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        String[] fs = line.substring(3).split("\\|", 2);
        family = fs[0].strip();
        source = fs.length > 1 ? fs[1].strip() : "";
      } else if (line.startsWith("#") || line.isBlank()) {
        continue;
      } else if (line.startsWith("Received:")) {
        header = new StringBuilder(line);
      } else if (line.startsWith(" ") || line.startsWith("\t")) {
        header.append("\r\n").append(line);
      } else if (line.startsWith("= ")) {
        Map<String, String> exp = new LinkedHashMap<>();
        for (String kv : line.substring(2).strip().split(" ")) {
          int eq = kv.indexOf('=');
          exp.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        out.add(new Case(family, source, header.toString(), exp));
        header = null;
      } else {
        throw new IllegalStateException("unexpected line in the table: " + line);
      }
    }
    return out;
  }

  @Test
  void tableHasAtLeast150CasesEachListingEveryFieldAndEveryFamilyItsSource() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    for (Case c : cases) {
      assertThat(c.expected().keySet())
          .as("fields of %s", c.header())
          .containsExactlyInAnyOrderElementsOf(FIELDS);
      assertThat(c.source()).as("source of family %s", c.family()).isNotBlank();
    }
    assertThat(cases.stream().map(Case::family).distinct())
        .contains(
            "RFC 5321",
            "Postfix",
            "Sendmail",
            "Exim",
            "qmail",
            "Exchange and Office 365",
            "Gmail",
            "Yahoo",
            "Courier",
            "MDaemon",
            "IIS SMTP",
            "Lotus/HCL Domino",
            "Zimbra",
            "Amazon SES",
            "SpamAssassin tricky forms");
  }

  @TestFactory
  Stream<DynamicContainer> everyLineYieldsEveryExpectedField() throws IOException {
    Map<String, List<Case>> byFamily = new LinkedHashMap<>();
    for (Case c : cases()) {
      byFamily.computeIfAbsent(c.family(), k -> new ArrayList<>()).add(c);
    }
    return byFamily.entrySet().stream()
        .map(
            e ->
                DynamicContainer.dynamicContainer(
                    e.getKey(),
                    e.getValue().stream()
                        .map(
                            c ->
                                DynamicTest.dynamicTest(
                                    clip(c.header()), () -> check(c.header(), c.expected())))));
  }

  static void check(String header, Map<String, String> exp) {
    String value = HeaderParser.unfold(header.substring("Received:".length())).strip();
    Received r = ReceivedParser.parse(value);
    Map<String, String> got = fields(r);
    SoftAssertions soft = new SoftAssertions();
    for (String f : FIELDS) {
      soft.assertThat(got.get(f)).as(f + " of " + value).isEqualTo(exp.get(f));
    }
    soft.assertAll();
  }

  static Map<String, String> fields(Received r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("helo", r.helo());
    m.put("rdns", r.rdns());
    m.put("ip", r.ip());
    m.put("port", String.valueOf(r.port()));
    m.put("ident", r.ident());
    m.put("by", r.byHost());
    m.put("proto", r.protocol());
    m.put("tls", r.tls().id());
    m.put("tlsver", r.tlsVersion());
    m.put("cipher", r.tlsCipher());
    m.put("id", r.queueId());
    m.put("for", r.recipient());
    m.put("auth", r.authenticated() ? "yes" : "no");
    m.put("date", r.date().map(Instant::toString).orElse(""));
    return m;
  }

  private static String clip(String header) {
    String one = HeaderParser.unfold(header).replaceAll("\\s+", " ");
    return one.length() > 110 ? one.substring(0, 110) + "…" : one;
  }
}
