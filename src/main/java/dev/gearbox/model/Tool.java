package dev.gearbox.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A function the model may call; {@code parametersSchema} is a JSON Schema object.
 * {@code cacheBreakpoint} as in {@link ContentPart.Text#cacheBreakpoint()}: the tool list comes
 * first in a prompt, so a breakpoint on its last tool caches the whole list.
 */
public record Tool(
    String name, Optional<String> description, JsonNode parametersSchema,
    boolean cacheBreakpoint) {
  public Tool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
  }

  public Tool(String name, Optional<String> description, JsonNode parametersSchema) {
    this(name, description, parametersSchema, false);
  }
}
