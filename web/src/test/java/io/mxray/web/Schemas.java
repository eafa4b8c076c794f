package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.nio.file.Path;

/**
 * The published JSON Schemas with their {@code https://mxray.io/schema/v1/} ids mapped to docs/schema, as
 * docs/json.md describes (the reports module's test helper of the same name does the same). Only files and the
 * validator's own class-path meta-schemas may be loaded: a reference escaping the mapping fails, never fetches.
 */
final class Schemas {

  static final String BASE = "https://mxray.io/schema/v1/";

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      b -> b.schemaMappers(m -> m.mapPrefix(BASE, dir().toUri().toString()))
          .schemaLoaders(l -> l.add(new AllowSchemaLoader(iri -> {
            String s = iri.toString();
            return s.startsWith("file:") || s.startsWith("classpath:") || s.startsWith("resource:");
          }))));

  private Schemas() {}

  static Path dir() {
    return Path.of(System.getProperty("mxray.repo.root"), "docs/schema");
  }

  static void assertValid(String name, JsonNode doc) {
    assertThat(FACTORY.getSchema(SchemaLocation.of(BASE + name)).validate(doc))
        .extracting(ValidationMessage::getMessage).as("%s violations", name).isEmpty();
  }
}
