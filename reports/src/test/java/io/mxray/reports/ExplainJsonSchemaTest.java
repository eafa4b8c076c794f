package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.Registry;
import io.mxray.core.bounce.BounceExplainer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Validates what {@code mxray explain} and {@code GET /api/v1/explain} write — reply explanations
 * from the real BounceExplainer and the entry of every finding code of the catalogue — against
 * docs/schema/explain.schema.json, and the catalogue of {@code mxray codes} against
 * docs/schema/codes.schema.json.
 */
class ExplainJsonSchemaTest {

  static final BounceExplainer EXPLAINER = new BounceExplainer();

  /** The kinds of text people paste: codes, statuses, reply lines, POP3/IMAP answers, nonsense. */
  static final List<String> INPUTS =
      List.of(
          "550",
          "550 5.1.1",
          "5.7.26",
          "4.2.2",
          "2.0.0",
          "250 2.0.0 Ok",
          "421 4.7.28 Our system has detected an unusual rate of unsolicited mail",
          "554-5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
          "452 4.2.2 The email account that you tried to reach is over quota",
          "5XX",
          "599 9.9.9 nonsense",
          "-ERR invalid password",
          "+OK 2 messages",
          "a1 NO [AUTHENTICATIONFAILED] Invalid credentials",
          "* BYE server shutting down",
          "Connection timed out",
          "mailbox unavailable",
          "\u001b[31m550 red",
          "x".repeat(4096));

  @TestFactory
  Stream<DynamicTest> everyReplyExplanationMatchesTheSchema() {
    return INPUTS.stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    input.length() > 60 ? input.substring(0, 60) : input,
                    () ->
                        Schemas.assertValid(
                            "explain.schema.json",
                            ExplainJson.reply(input, EXPLAINER.explainReply(input)))));
  }

  @Test
  void everyFindingCodeOfTheCatalogueMatchesTheSchema() {
    assertThat(Registry.findingCodes())
        .isNotEmpty()
        .allSatisfy(c -> Schemas.assertValid("explain.schema.json", ExplainJson.code(c)));
  }

  @Test
  void theCatalogueMatchesItsSchema() {
    ObjectNode doc = Json.catalogue(Registry.findingCodes());
    Schemas.assertValid("codes.schema.json", doc);
    assertThat(doc.get("codes")).hasSize(Registry.findingCodes().size());

    ObjectNode extra = doc.deepCopy();
    ((ObjectNode) extra.get("codes").get(0)).put("deprecated", true);
    Schemas.assertRejected("codes.schema.json", extra, "deprecated");
    ObjectNode severity = doc.deepCopy();
    ((ObjectNode) severity.get("codes").get(0)).put("severity", "error");
    Schemas.assertRejected("codes.schema.json", severity, "$.codes[0].severity");
  }

  @Test
  void theInputsReallyReachEveryShapeTheSchemaAllows() {
    List<JsonNode> docs =
        INPUTS.stream()
            .map(i -> (JsonNode) ExplainJson.reply(i, EXPLAINER.explainReply(i)))
            .toList();
    assertThat(docs)
        .extracting(d -> d.get("protocol").asText())
        .contains("smtp", "pop3:-ERR", "pop3:+OK", "imap:NO", "imap:BYE");
    assertThat(docs)
        .anyMatch(d -> d.get("codes").has("reply") && d.get("codes").has("status"))
        .anyMatch(d -> d.get("codes").isEmpty())
        .anyMatch(d -> d.get("codes").path("status").has("title"));
  }

  @Test
  void rejectsExplanationsThatBreakTheContract() {
    ObjectNode good = ExplainJson.reply("550 5.1.1", EXPLAINER.explainReply("550 5.1.1"));
    Schemas.assertValid("explain.schema.json", good);

    ObjectNode protocol = good.deepCopy();
    protocol.put("protocol", "lmtp");
    Schemas.assertRejected("explain.schema.json", protocol, "$.protocol");

    ObjectNode status = good.deepCopy();
    ((ObjectNode) status.get("codes").get("status")).remove("meaning");
    Schemas.assertRejected("explain.schema.json", status, "meaning");

    ObjectNode recipient = good.deepCopy();
    ((ObjectNode) recipient.get("recipients").get(0)).put("hardBounce", "yes");
    Schemas.assertRejected("explain.schema.json", recipient, "$.recipients[0].hardBounce");

    ObjectNode code = ExplainJson.code(Registry.findingCodes().get(0));
    Schemas.assertValid("explain.schema.json", code);
    ObjectNode extra = code.deepCopy();
    extra.put("input", "mx.null");
    Schemas.assertRejected("explain.schema.json", extra, "input");
    ObjectNode noSummary = code.deepCopy();
    noSummary.remove("summary");
    Schemas.assertRejected("explain.schema.json", noSummary, "summary");
  }
}
