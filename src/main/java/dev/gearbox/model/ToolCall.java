package dev.gearbox.model;

import java.util.Objects;

/** A call the model asks the client to make. Arguments are kept as the exact JSON text sent. */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }
}
