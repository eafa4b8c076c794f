package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.mxray.core.arc.ArcResult;
import io.mxray.core.bounce.BounceMessage;
import io.mxray.core.bounce.BounceReason;
import io.mxray.core.dkim.DkimSignatureResult;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.ChecklistItem;
import io.mxray.core.probe.NcscGrade;
import io.mxray.core.probe.Service;
import io.mxray.core.spf.SpfResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The schema files themselves: valid JSON Schema 2020-12, named by their ids, every reference
 * between them resolvable, offline only, and every enumeration equal to the core enum it mirrors
 * (so a new severity, DNS status or bounce reason cannot make the schema reject real output, nor a
 * stale value linger).
 */
class SchemaFilesTest {

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(Schemas.dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".schema.json")).sorted().toList();
    }
  }

  static JsonNode read(String name) throws IOException {
    return Json.mapper().readTree(Schemas.dir().resolve(name).toFile());
  }

  @TestFactory
  Stream<DynamicTest> everyFileIsAValidSchemaNamedByItsId() throws IOException {
    JsonSchema meta = Schemas.metaSchema();
    return files().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.getFileName().toString(),
                    () -> {
                      JsonNode schema = Json.mapper().readTree(p.toFile());
                      assertThat(meta.validate(schema)).as("meta-schema violations").isEmpty();
                      assertThat(schema.path("$schema").asText())
                          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
                      assertThat(schema.path("$id").asText())
                          .isEqualTo(Schemas.BASE + p.getFileName());
                      for (String ref : refs(schema, new ArrayList<>())) {
                        assertResolves(p.getFileName().toString(), ref);
                      }
                      Schemas.load(p.getFileName().toString()).initializeValidators();
                    }));
  }

  @Test
  void theSchemasListedInTheDocsAreTheFilesPublished() throws IOException {
    List<String> names = files().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names)
        .containsExactlyInAnyOrder(
            "audit.schema.json",
            "bounce.schema.json",
            "codes.schema.json",
            "common.schema.json",
            "explain.schema.json",
            "feedback.schema.json",
            "headers.schema.json",
            "mailtest.schema.json",
            "probe.schema.json",
            "spf.schema.json",
            "watch.schema.json");
    String doc = Files.readString(Golden.repoRoot().resolve("docs/json.md"));
    assertThat(names).allSatisfy(n -> assertThat(doc).contains("schema/" + n));
  }

  @Test
  void aReferenceOutsideThePublishedSchemasIsRefusedNotFetched() {
    JsonSchemaFactory f =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b ->
                b.schemaLoaders(
                    l ->
                        l.add(
                            new AllowSchemaLoader(
                                iri -> iri.toString().startsWith("classpath:")))));
    assertThatThrownBy(
            () ->
                f.getSchema(
                        "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
                            + " \"$ref\": \"https://example.invalid/x.schema.json\"}")
                    .validate(Json.object()))
        .hasMessageContaining("not allowed to be loaded");
  }

  @Test
  void enumerationsMirrorTheCoreEnums() throws IOException {
    assertEnum("common.schema.json", "/$defs/severity", ids(Severity.values(), Severity::id));
    assertEnum("common.schema.json", "/$defs/dnsStatus", ids(DnsStatus.values(), DnsStatus::name));
    assertEnum("spf.schema.json", "/$defs/result", ids(SpfResult.values(), SpfResult::id));
    assertEnum("bounce.schema.json", "/$defs/reason", ids(BounceReason.values(), BounceReason::id));
    // REPLY is the kind of an explained reply line, which is written as an explain document, never
    // as a bounce.
    assertEnum(
        "bounce.schema.json",
        "/$defs/message/properties/kind",
        Arrays.stream(BounceMessage.Kind.values())
            .filter(k -> k != BounceMessage.Kind.REPLY)
            .map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .toList());
    assertEnum(
        "headers.schema.json",
        "/$defs/dkimSignature/properties/result",
        ids(DkimSignatureResult.values(), DkimSignatureResult::id));
    assertEnum(
        "headers.schema.json",
        "/properties/arc/properties/result",
        ids(ArcResult.Status.values(), ArcResult.Status::id));
    assertEnum(
        "headers.schema.json",
        "/properties/checklist/items/properties/status",
        ids(ChecklistItem.Status.values(), ChecklistItem.Status::id));
    assertEnum(
        "probe.schema.json", "/$defs/port/properties/service", ids(Service.values(), Service::id));
    assertEnum("probe.schema.json", "/$defs/grade", ids(NcscGrade.values(), NcscGrade::id));
  }

  private static <E> List<String> ids(E[] values, java.util.function.Function<E, String> id) {
    return Arrays.stream(values).map(id).toList();
  }

  private static void assertEnum(String file, String pointer, List<String> expected)
      throws IOException {
    JsonNode e = read(file).at(pointer + "/enum");
    assertThat(e.isArray()).as("%s#%s/enum", file, pointer).isTrue();
    List<String> actual = new ArrayList<>();
    e.forEach(v -> actual.add(v.asText()));
    assertThat(actual).as("%s#%s", file, pointer).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> refs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
        if (f.getKey().equals("$ref") && f.getValue().isTextual()) {
          out.add(f.getValue().asText());
        } else {
          refs(f.getValue(), out);
        }
      }
    } else if (n.isArray()) {
      n.forEach(c -> refs(c, out));
    }
    return out;
  }

  /**
   * A reference is to a sibling file (relative) or within the file, and its JSON pointer exists.
   */
  private static void assertResolves(String from, String ref) throws IOException {
    assertThat(ref)
        .as("%s: $ref %s must be relative to docs/schema", from, ref)
        .doesNotContain("://");
    int hash = ref.indexOf('#');
    String file = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode target = read(file.isEmpty() ? from : file);
    assertThat(target.at(pointer).isMissingNode()).as("%s: $ref %s resolves", from, ref).isFalse();
  }
}
