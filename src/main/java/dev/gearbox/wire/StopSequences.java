package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stop sequences: OpenAI takes a string or an array of strings, Anthropic an array. */
final class StopSequences {
  /** The most stop sequences OpenAI's API takes; other compatible servers take more. */
  static final int OPENAI_LIMIT = 4;

  private StopSequences() {}

  static List<String> read(ObjectNode root, String field) {
    Optional<JsonNode> node = Fields.opt(root, field);
    if (node.isEmpty()) {
      return List.of();
    }
    if (node.get().isTextual()) {
      return List.of(node.get().textValue());
    }
    if (!node.get().isArray()) {
      throw Fields.wrongType(field, "a string or an array of strings", node.get());
    }
    List<String> stops = new ArrayList<>();
    for (int i = 0; i < node.get().size(); i++) {
      stops.add(Fields.string(node.get().get(i), Fields.index(field, i)));
    }
    return stops;
  }

  static List<String> readArray(ObjectNode root, String field) {
    Optional<JsonNode> node = Fields.opt(root, field);
    if (node.isPresent() && !node.get().isArray()) {
      throw Fields.wrongType(field, "an array of strings", node.get());
    }
    return read(root, field);
  }
}
