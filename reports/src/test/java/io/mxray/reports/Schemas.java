package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The published JSON Schemas (docs/schema), loaded the way docs/json.md tells consumers to: their
 * {@code https://mxray.io/schema/v1/} ids are mapped to the files in docs/schema, so references
 * between them ({@code common.schema.json#/$defs/finding}) resolve locally. Anything else that is
 * not on the class path (the validator's own meta-schemas) is refused: a reference that escapes the
 * mapping fails the test instead of going to the network. Shared with the web module's tests
 * through this module's test jar.
 */
public final class Schemas {

  static final String BASE = "https://mxray.io/schema/v1/";

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b ->
              b.schemaMappers(m -> m.mapPrefix(BASE, dir().toUri().toString()))
                  .schemaLoaders(
                      l ->
                          l.add(
                              new AllowSchemaLoader(
                                  iri -> {
                                    String s = iri.toString();
                                    return s.startsWith("file:")
                                        || s.startsWith("classpath:")
                                        || s.startsWith("resource:");
                                  }))));

  private Schemas() {}

  public static Path dir() {
    return Golden.repoRoot().resolve("docs/schema");
  }

  /** The schema {@code docs/schema/<name>}, e.g. "spf.schema.json". */
  public static JsonSchema load(String name) {
    return FACTORY.getSchema(SchemaLocation.of(BASE + name));
  }

  /** The JSON Schema 2020-12 meta-schema (the validator's own copy, from its class path). */
  public static JsonSchema metaSchema() {
    return FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
  }

  /**
   * The violations of {@code doc}, one line each ("$.findings[0].severity: does not have a value in
   * the enumeration").
   */
  public static Set<String> violations(String name, JsonNode doc) {
    return load(name).validate(doc).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  public static void assertValid(String name, JsonNode doc) {
    assertThat(violations(name, doc)).as("%s violations of\n%s", name, Json.pretty(doc)).isEmpty();
  }

  /** Asserts that the schema rejects {@code doc}, with a message mentioning {@code expected}. */
  public static void assertRejected(String name, JsonNode doc, String expected) {
    assertThat(violations(name, doc))
        .as("%s should reject\n%s", name, Json.pretty(doc))
        .anySatisfy(m -> assertThat(m).contains(expected));
  }
}
