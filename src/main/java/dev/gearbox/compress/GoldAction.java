package dev.gearbox.compress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An action the benchmark expects the agent to take for its task (a tool name and the exact
 * arguments), as annotated by the dataset's authors. Used to tell which facts of a conversation
 * were still needed later.
 */
public record GoldAction(String name, JsonNode arguments) {
  public GoldAction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
