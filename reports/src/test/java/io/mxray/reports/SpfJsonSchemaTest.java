package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.spf.SpfCheck;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.Type;

/**
 * Validates real {@code mxray spf} output against docs/schema/spf.schema.json: the record audit of
 * every name in core's SPF linter fixture (missing, multiple, syntax errors, loops, too many
 * lookups, timeouts) and check_host() evaluations of each with a passing, a failing and an IPv6
 * address.
 */
class SpfJsonSchemaTest {

  static final Path ZONE = Golden.repoRoot().resolve("core/src/test/resources/zones/spf/lint.zone");

  static final ZoneFileDnsClient DNS =
      ZoneFileDnsClient.builder()
          .zoneFile(ZONE)
          .zone(
              "exp.example",
              """
          @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
          @ IN NS ns1
          @ IN TXT "v=spf1 ip4:192.0.2.0/24 -all exp=why.exp.example"
          why IN TXT "%{i} is not one of our servers"
          """)
          .fault("slow.spf.example", Type.TXT, DnsStatus.TIMEOUT)
          .fault("down.spf.example", Type.TXT, DnsStatus.SERVFAIL)
          .build();

  /**
   * Every owner name of the fixture (scenarios and the names they point to), plus a few of our own.
   */
  static List<String> domains() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(ZONE)) {
      if (!line.isEmpty() && (Character.isLetterOrDigit(line.charAt(0)) || line.charAt(0) == '_')) {
        String name = line.split("\\s+")[0] + ".spf.example";
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    names.addAll(List.of("spf.example", "down.spf.example", "nowhere.spf.example", "exp.example"));
    return names;
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureAuditMatchesTheSchema() throws IOException {
    return domains().stream()
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d,
                    () -> {
                      CheckResult r = new SpfCheck().audit(DNS, d, Optional.empty());
                      Schemas.assertValid("spf.schema.json", SpfJson.audit(d, r));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureEvaluationMatchesTheSchema() throws IOException {
    List<String> ips = List.of("192.0.2.25", "203.0.113.7", "2001:db8::1");
    return domains().stream()
        .flatMap(
            d ->
                ips.stream()
                    .map(
                        ip ->
                            DynamicTest.dynamicTest(
                                d + " " + ip,
                                () -> {
                                  SpfRequest req =
                                      SpfRequest.forDomain(
                                          InetAddresses.forString(ip), d, "user@" + d, "mail." + d);
                                  SpfEvaluation e = new SpfEvaluator(DNS).checkHost(req);
                                  Schemas.assertValid(
                                      "spf.schema.json",
                                      SpfJson.evaluation(req, e, e.findings(req)));
                                })));
  }

  @Test
  void theFixturesCoverEveryShapeTheSchemaAllows() throws IOException {
    // Guards against a vacuous pass: nulls, nested trees, explanations and every error result occur
    // for real.
    List<String> results = new ArrayList<>();
    boolean explained = false;
    for (String d : domains()) {
      SpfRequest req =
          SpfRequest.forDomain(InetAddresses.forString("203.0.113.7"), d, "user@" + d, "h." + d);
      ObjectNode j = SpfJson.evaluation(req, new SpfEvaluator(DNS).checkHost(req), List.of());
      results.add(j.get("result").asText());
      explained |= j.get("explanation").isTextual();
    }
    assertThat(results).contains("fail", "permerror", "temperror", "none", "neutral");
    assertThat(explained).isTrue();
    ObjectNode timedOut =
        SpfJson.audit(
            "down.spf.example", new SpfCheck().audit(DNS, "down.spf.example", Optional.empty()));
    assertThat(timedOut.get("record").isNull()).isTrue();
    assertThat(timedOut.get("tree").isNull()).isTrue();
    ObjectNode tooMany =
        SpfJson.audit(
            "too-many.spf.example",
            new SpfCheck().audit(DNS, "too-many.spf.example", Optional.empty()));
    assertThat(tooMany.get("tree").get("children")).hasSize(3);
  }

  @Test
  void rejectsAuditsThatBreakTheContract() {
    ObjectNode good =
        SpfJson.audit(
            "include-missing.spf.example",
            new SpfCheck().audit(DNS, "include-missing.spf.example", Optional.empty()));
    Schemas.assertValid("spf.schema.json", good);

    ObjectNode badSeverity = good.deepCopy();
    ((ObjectNode) badSeverity.get("findings").get(0)).put("severity", "WARN");
    Schemas.assertRejected("spf.schema.json", badSeverity, "$.findings[0].severity");

    ObjectNode noTree = good.deepCopy();
    noTree.remove("tree");
    Schemas.assertRejected("spf.schema.json", noTree, "tree");

    ObjectNode badProblem = good.deepCopy();
    ((ObjectNode) badProblem.get("tree").get("children").get(0)).put("problem", "Include Missing");
    Schemas.assertRejected("spf.schema.json", badProblem, "$.tree.children[0].problem");

    ObjectNode extra = good.deepCopy();
    extra.put("records", 2);
    Schemas.assertRejected("spf.schema.json", extra, "records");
  }

  @Test
  void rejectsEvaluationsThatBreakTheContract() {
    SpfRequest req =
        SpfRequest.forDomain(
            InetAddresses.forString("192.0.2.25"),
            "good.spf.example",
            "user@good.spf.example",
            "mx.good.spf.example");
    SpfEvaluation e = new SpfEvaluator(DNS).checkHost(req);
    ObjectNode good = SpfJson.evaluation(req, e, e.findings(req));
    Schemas.assertValid("spf.schema.json", good);

    ObjectNode badResult = good.deepCopy();
    badResult.put("result", "PASS");
    Schemas.assertRejected("spf.schema.json", badResult, "$.result");

    ObjectNode badOutcome = good.deepCopy();
    ((ObjectNode) badOutcome.get("trace").get("steps").get(0)).put("outcome", "matched");
    Schemas.assertRejected("spf.schema.json", badOutcome, "$.trace.steps[0].outcome");

    ObjectNode wrongType = good.deepCopy();
    wrongType.put("type", "spf-audit");
    Schemas.assertRejected("spf.schema.json", wrongType, "$.type");

    ObjectNode noVersion = good.deepCopy();
    noVersion.remove("schemaVersion");
    Schemas.assertRejected("spf.schema.json", noVersion, "schemaVersion");
  }
}
