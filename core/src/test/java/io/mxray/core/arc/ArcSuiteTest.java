package io.mxray.core.arc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mxray.core.dkim.DkimVerifier;
import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.message.Message;
import io.mxray.core.testing.Corpora;
import io.mxray.core.testing.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The ValiMail ARC validation suite (../shared/corpora/arc, as vendored by mailauth): every test's
 * message must validate to the expected cv. An empty expected cv (broken chains) counts as fail, as
 * in mailauth's harness. DNS answers come from each scenario's txt-records; anything else is
 * NXDOMAIN.
 */
class ArcSuiteTest {

  @TestFactory
  Stream<DynamicTest> everyValidationTestYieldsTheExpectedChainResult() throws IOException {
    JsonNode suite =
        new ObjectMapper()
            .readTree(Corpora.require("arc").resolve("arc-draft-validation-tests.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode scenario : suite) {
      Map<String, String> txt = new HashMap<>();
      scenario
          .path("txt-records")
          .fields()
          .forEachRemaining(
              e -> txt.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue().asText()));
      DnsClient dns = new MapDns(txt);
      for (Iterator<Map.Entry<String, JsonNode>> it = scenario.path("tests").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> t = it.next();
        String expected = t.getValue().path("cv").asText().strip().toLowerCase(Locale.ROOT);
        String message = t.getValue().path("message").asText();
        tests.add(
            DynamicTest.dynamicTest(
                scenario.path("description").asText() + ": " + t.getKey(),
                () -> {
                  Message m = HeaderParser.parse(message.getBytes(StandardCharsets.UTF_8));
                  ArcResult r = new ArcVerifier(new DkimVerifier(dns, Fixtures.CLOCK)).verify(m);
                  assertThat(r.status().id())
                      .as(t.getKey() + " (" + r.reason() + ")")
                      .isEqualTo(expected.isEmpty() ? "fail" : expected);
                }));
      }
    }
    return tests.stream();
  }

  @org.junit.jupiter.api.Test
  void messageAnalysisReportsTheSuitesPassingAndFailingChains() throws IOException {
    JsonNode scenario =
        new ObjectMapper()
            .readTree(Corpora.require("arc").resolve("arc-draft-validation-tests.json").toFile())
            .get(0);
    Map<String, String> txt = new HashMap<>();
    scenario
        .path("txt-records")
        .fields()
        .forEachRemaining(
            e -> txt.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue().asText()));
    io.mxray.core.headers.MessageAnalyzer analyzer =
        new io.mxray.core.headers.MessageAnalyzer(
            java.util.Optional.of(new MapDns(txt)),
            Fixtures.CLOCK,
            io.mxray.core.headers.SpfVerifier.NOT_WIRED,
            io.mxray.core.headers.DmarcPolicySource.NOT_WIRED);
    for (String[] t :
        new String[][] {{"cv_pass_i2_1", "arc.pass"}, {"cv_fail_i2_as2_invalid", "arc.fail"}}) {
      String message = scenario.path("tests").path(t[0]).path("message").asText();
      var analysis = analyzer.analyze(HeaderParser.parse(message.getBytes(StandardCharsets.UTF_8)));
      assertThat(analysis.findings()).extracting(f -> f.codeId()).as(t[0]).contains(t[1]);
      assertThat(analysis.arc().evaluated()).isTrue();
    }
  }

  /** Answers TXT questions from a map, NXDOMAIN otherwise; loopback-free, no sockets. */
  private record MapDns(Map<String, String> txt) implements DnsClient {
    @Override
    public DnsAnswer query(String name, int type) {
      String key = name.strip().toLowerCase(Locale.ROOT);
      if (type != Type.TXT || !txt.containsKey(key)) {
        return DnsAnswer.empty(key, type, DnsStatus.NXDOMAIN, "map", 0, "");
      }
      String value = txt.get(key);
      List<String> strings = new ArrayList<>();
      for (int i = 0; i < value.length(); i += 255) {
        strings.add(value.substring(i, Math.min(value.length(), i + 255)));
      }
      try {
        TXTRecord r = new TXTRecord(Name.fromString(key + "."), DClass.IN, 300, strings);
        return new DnsAnswer(
            key, type, DnsStatus.NOERROR, List.of(r), List.of(), false, false, "map", 0, "");
      } catch (TextParseException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
      throw new AssertionError("no direct name-server questions in ARC validation");
    }
  }
}
