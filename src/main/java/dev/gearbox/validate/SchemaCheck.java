package dev.gearbox.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.IriResourceLoader;
import java.util.List;
import java.util.Optional;

/**
 * Checks a JSON value against a JSON Schema (draft 2020-12 unless the schema names its own
 * dialect). Remote {@code $ref}s are never fetched: the gateway must not make network calls on
 * a client's behalf to validate an answer, and air-gapped installs have no network anyway; a
 * schema that needs one fails to load (or to resolve, when the reference is first followed)
 * and the answer is treated as not checkable: accepted, since the fault is the schema's.
 */
final class SchemaCheck {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.resourceLoaders(
              loaders -> loaders.values(
                  list -> list.removeIf(IriResourceLoader.class::isInstance))));

  private SchemaCheck() {}

  /** The first violation of {@code schema} by {@code value}, or empty when it conforms. */
  static Optional<String> violation(JsonNode schema, JsonNode value) {
    Schema compiled;
    try {
      compiled = REGISTRY.getSchema(schema);
    } catch (RuntimeException unusableSchema) {
      return Optional.empty();
    }
    try {
      List<Error> errors = compiled.validate(value);
      return errors.stream().findFirst().map(Error::getMessage);
    } catch (RuntimeException unresolvableReference) {
      return Optional.empty();
    }
  }
}
