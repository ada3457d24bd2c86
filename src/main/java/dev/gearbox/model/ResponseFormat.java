package dev.gearbox.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The shape the answer must take. */
public sealed interface ResponseFormat {
  record Text() implements ResponseFormat {}

  record JsonObject() implements ResponseFormat {}

  record JsonSchema(String name, JsonNode schema, boolean strict) implements ResponseFormat {
    public JsonSchema {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schema, "schema");
    }
  }
}
