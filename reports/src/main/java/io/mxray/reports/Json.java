package io.mxray.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.FindingCode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one Jackson configuration of mxray and the JSON shapes shared by every result type (findings,
 * codes). Severity and codes serialize lower-case, as in the catalogue.
 */
public final class Json {

  /**
   * Version of the JSON documents mxray writes; bump on incompatible changes (see docs/json.md).
   */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * The start of every top-level document: {@code schemaVersion} and {@code type}, the two fields
   * each schema in docs/schema requires first.
   */
  public static ObjectNode document(String type) {
    ObjectNode n = object();
    n.put("schemaVersion", SCHEMA_VERSION);
    n.put("type", type);
    return n;
  }

  /** Plain data (maps, lists, strings, numbers, records) as a tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode n = object();
    n.put("code", f.codeId());
    n.put("severity", f.severity().id());
    n.put("subject", f.subject());
    n.put("message", f.message());
    n.put("remediation", f.remediation());
    n.put("rfc", f.rfc().toString());
    n.put("rfcUrl", f.rfc().url());
    ArrayNode ev = n.putArray("evidence");
    f.evidence().forEach(ev::add);
    return n;
  }

  public static ArrayNode findings(List<Finding> findings) {
    ArrayNode a = array();
    findings.forEach(f -> a.add(finding(f)));
    return a;
  }

  public static ObjectNode code(FindingCode c) {
    ObjectNode n = object();
    n.put("code", c.id());
    n.put("severity", c.defaultSeverity().id());
    n.put("rfc", c.rfc().toString());
    n.put("rfcUrl", c.rfc().url());
    n.put("summary", c.summary());
    return n;
  }

  /**
   * The finding catalogue of {@code mxray codes} and {@code GET /api/v1/codes}
   * (docs/schema/codes.schema.json).
   */
  public static ObjectNode catalogue(List<? extends FindingCode> codes) {
    ObjectNode n = document("codes");
    ArrayNode a = n.putArray("codes");
    codes.forEach(c -> a.add(code(c)));
    return n;
  }

  /** Pretty-printed with a trailing newline. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line, for JSONL. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
