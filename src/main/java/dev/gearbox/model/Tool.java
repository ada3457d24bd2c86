package dev.gearbox.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** A function the model may call; {@code parametersSchema} is a JSON Schema object. */
public record Tool(String name, Optional<String> description, JsonNode parametersSchema) {
  public Tool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
  }
}
