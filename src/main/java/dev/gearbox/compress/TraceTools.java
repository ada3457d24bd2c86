package dev.gearbox.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.Message;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Minimal tool definitions for recorded calls whose schemas were not recorded: per tool name, a
 * JSON Schema object naming each argument seen with the JSON type of its values (arrays with
 * the type of their items, objects with their keys), the arguments present in every call
 * marked required. No descriptions are invented.
 */
final class TraceTools {
  private TraceTools() {}

  static List<Tool> derive(List<List<Message>> conversations) {
    Map<String, List<JsonNode>> argumentsByTool = new LinkedHashMap<>();
    for (List<Message> conversation : conversations) {
      for (Message message : conversation) {
        for (ToolCall call : message.toolCalls()) {
          argumentsByTool.computeIfAbsent(call.name(), n -> new ArrayList<>())
              .add(parse(call.argumentsJson()));
        }
      }
    }
    List<Tool> tools = new ArrayList<>();
    argumentsByTool.forEach((name, calls) ->
        tools.add(new Tool(name, Optional.empty(), objectSchema(calls))));
    return tools;
  }

  private static ObjectNode objectSchema(List<JsonNode> samples) {
    Map<String, List<JsonNode>> valuesByKey = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    samples.getFirst().fieldNames().forEachRemaining(required::add);
    for (JsonNode sample : samples) {
      sample.properties().forEach(field -> valuesByKey
          .computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue()));
      required.removeIf(key -> !sample.has(key));
    }
    ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    valuesByKey.forEach((key, values) -> properties.set(key, schemaOf(values)));
    if (!required.isEmpty()) {
      required.forEach(schema.putArray("required")::add);
    }
    return schema;
  }

  private static ObjectNode schemaOf(List<JsonNode> values) {
    JsonNode first = values.getFirst();
    if (first.isObject()) {
      return objectSchema(values);
    }
    ObjectNode schema = Json.MAPPER.createObjectNode().put("type", typeOf(first));
    if (first.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      values.forEach(array -> array.forEach(items::add));
      if (!items.isEmpty()) {
        schema.set("items", schemaOf(items));
      }
    }
    return schema;
  }

  private static String typeOf(JsonNode value) {
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    return "string";
  }

  private static JsonNode parse(String argumentsJson) {
    try {
      return Json.MAPPER.readTree(argumentsJson.isBlank() ? "{}" : argumentsJson);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled trajectory holds unparsable tool arguments", e);
    }
  }
}
